"""Encrypted PDFs padded to the size buckets of the pages, so that their size tells nothing.

Without padding, one sentence more in a signaleringsplan makes `boekje.pdf` a little larger, and
whoever sees the published files over time sees that something changed and roughly how much. The
buckets are those of the pages (`protect.padded_size`), from 16 KiB (a PDF is never smaller). The
padding is a stream of random bytes in the document's catalog under a private key (readers ignore
keys they do not know), encrypted with the rest, so the file stays one ordinary revision that every
reader opens; the last few bytes (less than one AES block) are line ends after `%%EOF`, which
readers allow.
"""

from __future__ import annotations

import os
import zlib
from io import BytesIO
from typing import TYPE_CHECKING

from resourceboek.protection import protect

if TYPE_CHECKING:
    import pikepdf

FILLER_KEY = "/ResourceboekOpvulling"
"""The catalog key of the padding stream (a private name: no reader looks for it)."""
SLACK = 512
"""Room for the padding stream's own object, dictionary and encryption overhead."""
OVERHEAD = 160
"""About what the padding stream adds beyond its bytes once encrypted (135 to 180 measured): the
first try aims at the middle of the accepted range, so that one save with padding is enough."""
TRIES = 4
PDF_PAD_MIN = 16 * 1024
"""The smallest bucket of a PDF."""


def encrypt_padded(plain: bytes, password: str) -> bytes:
    """The PDF encrypted with `protect.encrypt_pdf`, exactly the size of its bucket.

    The PDF is opened once and saved encrypted: once to learn its size, then with the padding
    (again when a try misses the accepted range).
    """
    import pikepdf  # heavy import, only needed when PDFs are made

    with pikepdf.open(BytesIO(plain)) as pdf:
        encrypted = protect.save_encrypted(pdf, password)
        target = protect.padded_size(len(encrypted) + SLACK, PDF_PAD_MIN)
        filler = target - len(encrypted) - OVERHEAD - SLACK // 8
        stream = pikepdf.Stream(pdf, b"")
        pdf.Root[FILLER_KEY] = pdf.make_indirect(stream)
        for _ in range(TRIES):
            set_filler(stream, filler)
            encrypted = protect.save_encrypted(pdf, password)
            missing = target - len(encrypted)
            if 0 <= missing < SLACK // 4:
                return encrypted + b"\n" * missing
            filler += missing - 8  # aim a few bytes short: an AES block rounds up
    raise AssertionError(f"padding did not reach {target} bytes")  # sizes are predictable


def set_filler(stream: pikepdf.Stream, size: int) -> None:
    """`size` random bytes as the padding stream's content."""
    import pikepdf  # heavy import, only needed when PDFs are made

    # Stored (level 0) deflate: a valid stream that saving neither shrinks nor compresses again.
    data = zlib.compress(os.urandom(max(size, 0)), 0)
    stream.write(data, filter=pikepdf.Name.FlateDecode)

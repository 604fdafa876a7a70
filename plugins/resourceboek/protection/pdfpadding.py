"""Encrypted PDFs padded to the size buckets of the pages, so that their size tells nothing.

Without padding, one sentence more in a signaleringsplan makes `boekje.pdf` a little larger, and
whoever sees the published files over time sees that something changed and roughly how much. The
buckets are those of the pages (`protect.padded_size`), from 16 KiB (a PDF is never smaller). The padding is a stream of random bytes
in the document's catalog under a private key (readers ignore keys they do not know), encrypted
with the rest, so the file stays one ordinary revision that every reader opens; the last few
bytes (less than one AES block) are line ends after `%%EOF`, which readers allow.
"""

from __future__ import annotations

import os
import zlib
from io import BytesIO

from resourceboek.protection import protect

FILLER_KEY = "/ResourceboekOpvulling"
"""The catalog key of the padding stream (a private name: no reader looks for it)."""
SLACK = 512
"""Room for the padding stream's own object, dictionary and encryption overhead."""
TRIES = 4
PDF_PAD_MIN = 16 * 1024
"""The smallest bucket of a PDF."""


def encrypt_padded(plain: bytes, password: str) -> bytes:
    """The PDF encrypted with `protect.encrypt_pdf`, exactly the size of its bucket."""
    encrypted = protect.encrypt_pdf(plain, password)
    target = protect.padded_size(len(encrypted) + SLACK, PDF_PAD_MIN)
    filler = target - len(encrypted) - SLACK
    for _ in range(TRIES):
        encrypted = protect.encrypt_pdf(with_filler(plain, filler), password)
        missing = target - len(encrypted)
        if 0 <= missing < SLACK // 4:
            return encrypted + b"\n" * missing
        filler += missing - 8  # aim a few bytes short: an AES block rounds up
    raise AssertionError(f"padding did not reach {target} bytes")  # sizes are predictable


def with_filler(plain: bytes, size: int) -> bytes:
    """The PDF with `size` random bytes in a stream its catalog points to."""
    import pikepdf  # heavy import, only needed when PDFs are made

    # Stored (level 0) deflate: a valid stream that saving neither shrinks nor compresses again.
    data = zlib.compress(os.urandom(max(size, 0)), 0)
    out = BytesIO()
    with pikepdf.open(BytesIO(plain)) as pdf:
        stream = pikepdf.Stream(pdf, data)
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.Root[FILLER_KEY] = pdf.make_indirect(stream)
        pdf.save(out)
    return out.getvalue()

"""PDFs give nothing away: WeasyPrint loads only the package's own files, and an encrypted PDF's
size is a bucket (one sentence more does not change it), while it still opens as before."""

from __future__ import annotations

import ast
import io
import threading
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pikepdf
import pypdf
import pytest

from resourceboek.paper.pdffetcher import PACKAGE, LocalFetcher
from resourceboek.paper.printout import html_pdf
from resourceboek.protection import pdfpadding, protect
from resourceboek.protection.pdfpadding import encrypt_padded

pytestmark = pytest.mark.pdf

PASSWORD = "appel-zomer-kompas-tulpen-radio-avond"


class _Recorder(BaseHTTPRequestHandler):
    asked: list[str] = []  # noqa: RUF012 - shared with the test, reset per server

    def do_GET(self) -> None:
        self.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b'body::after { content: "VAN-HET-NET"; }')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Recorder.asked = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _text(pdf: bytes, password: str = "") -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    if password:
        assert reader.decrypt(password)
    return " ".join(page.extract_text() for page in reader.pages)


def _page(tmp_path: Path, server: str) -> str:
    css = tmp_path / "elders.css"
    css.write_text('body::before { content: "VAN-SCHIJF"; }', encoding="utf-8")
    return (
        f'<html><head><link rel="stylesheet" href="{css.as_uri()}">'
        f'<link rel="stylesheet" href="{server}/volg.css"></head>'
        f'<body><p>Mijn plan</p><img src="{server}/pixel.png"></body></html>'
    )


def test_a_pdf_loads_no_file_and_no_address_from_elsewhere(tmp_path: Path, server: str) -> None:
    text = _text(html_pdf(_page(tmp_path, server)))
    assert "Mijn plan" in text
    assert "VAN-SCHIJF" not in text
    assert "VAN-HET-NET" not in text
    assert _Recorder.asked == []


def test_without_our_fetcher_the_same_page_would_load_both(tmp_path: Path, server: str) -> None:
    """The check above means something: WeasyPrint's default fetcher follows both links."""
    from weasyprint import HTML

    text = _text(HTML(string=_page(tmp_path, server)).write_pdf())
    assert "VAN-SCHIJF" in text
    assert "VAN-HET-NET" in text
    assert _Recorder.asked


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x.css",
        "https://example.org/x.png",
        "ftp://example.org/x",
        "file:///etc/hostname",
        "file://andere-host" + str(PACKAGE / "__init__.py"),
        (PACKAGE / ".." / ".." / "README.md").as_uri(),
    ],
)
def test_the_fetcher_refuses_anything_outside_the_package(url: str) -> None:
    with pytest.raises(ValueError, match="disallowed protocol|alleen bestanden"):
        LocalFetcher().fetch(url)


def test_the_fetcher_opens_the_packages_files_and_data() -> None:
    fetcher = LocalFetcher()
    own = fetcher.fetch((PACKAGE / "woorden" / "nl.txt").as_uri())
    assert own.read().startswith(b"# ")
    own.close()
    assert fetcher.fetch("data:text/plain,hallo").read() == b"hallo"


def test_every_weasyprint_document_in_the_package_gets_our_fetcher() -> None:
    calls = []
    for module in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("HTML", "CSS"):
                keywords = {k.arg for k in node.keywords}
                calls.append((module.name, node.lineno, "url_fetcher" in keywords))
    assert {name for name, _, _ in calls} >= {
        "printing.py",
        "printout.py",
        "zakkaart.py",
        "handout.py",
    }
    assert [c for c in calls if not c[2]] == []


# Size buckets -------------------------------------------------------------------------------------


def _sheet(sentences: int) -> bytes:
    body = "".join(
        f"<p>Zin {i}: dit helpt me als het niet goed gaat.</p>" for i in range(sentences)
    )
    return html_pdf(f"<html><body>{body}</body></html>")


def test_one_sentence_more_does_not_change_the_size() -> None:
    short, longer = _sheet(3), _sheet(4)
    assert len(short) != len(longer)
    padded = [encrypt_padded(pdf, PASSWORD) for pdf in (short, longer)]
    assert len(padded[0]) == len(padded[1]) == pdfpadding.PDF_PAD_MIN
    for pdf in padded:
        assert protect.padded_size(len(pdf)) == len(pdf)


@pytest.mark.parametrize("sentences", [1, 400])
def test_a_padded_pdf_opens_with_the_password_only_and_reads_as_before(sentences: int) -> None:
    plain = _sheet(sentences)
    padded = encrypt_padded(plain, PASSWORD)
    assert len(padded) == protect.padded_size(len(padded)) > len(plain)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(io.BytesIO(padded))
    with pikepdf.open(io.BytesIO(padded), password=PASSWORD) as pdf:
        assert pdf.is_encrypted
        assert pdf.encryption.R == 6
        assert pdf.check_pdf_syntax() == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pypdf warns about a damaged file
        assert _text(padded, PASSWORD) == _text(plain)

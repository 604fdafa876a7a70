"""`resourceboek serve --group ID`: a live, unencrypted preview of one booklet on 127.0.0.1 only."""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from buildkit import TODAY, make_project
from pathkit import CONFIG, EXAMPLES, ROOT
from resourceboek.adapters import preview
from resourceboek.cli.main import main


@pytest.mark.parametrize(
    "address", ["0.0.0.0:8000", "192.168.1.5:8000", "localhost:8000", "[::]:8000", "8000"]
)
def test_serve_group_refuses_any_other_address(
    address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object) -> None:
        raise AssertionError("the preview must not start")

    monkeypatch.setattr(preview, "serve_group", never)
    result = CliRunner().invoke(
        main, ["serve", "--group", "teun", "--dev-addr", address, "-f", CONFIG]
    )
    assert result.exit_code == 2
    assert "alleen op 127.0.0.1 (deze computer)" in result.output
    assert "Usage" not in result.output


def test_loopback_port() -> None:
    assert preview.loopback_port("127.0.0.1:8123") == 8123
    with pytest.raises(preview.PreviewRefused, match="geen geldige poort"):
        preview.loopback_port("127.0.0.1:99999")


def test_a_saved_file_with_errors_keeps_the_last_good_preview(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    said: list[str] = []
    path = project.groups_dir / "teun.yml"
    root = tmp_path / "voorbeeld" / "boekje"
    root.parent.mkdir()
    shown = preview.Preview(project, path, root, lambda text, **_: said.append(text), lambda: TODAY)
    path.write_text(
        path.read_text(encoding="utf-8").replace("client: Teun", "client: Voornaam"), "utf-8"
    )
    shown.build()
    assert "client: staat nog op het invulvoorbeeld" in said[0]  # readiness, while filling in
    page = (root / "index.html").read_text(encoding="utf-8")
    assert "rb-versleuteld" not in page  # readable: a preview, never published
    assert "Voornaam" in page
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^fase: \d+$", "fase: 9", text, count=1), "utf-8")
    shown.build()
    assert (root / "index.html").read_text(encoding="utf-8") == page
    assert "fase: moet tussen 1 en 6 liggen" in said[-1]
    assert said[-1].endswith("Het vorige voorbeeld blijft staan.")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, timeout: float = 60.0, wanted: str = "") -> str:
    end = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
            if wanted in text:
                return text
        except OSError:
            pass
        if time.monotonic() > end:
            raise AssertionError(f"{url} did not show {wanted!r} in time")
        time.sleep(0.3)


def _address(server: subprocess.Popen[bytes], timeout: float = 120.0) -> str:
    """The preview's address as printed on the terminal (its secret included)."""
    assert server.stdout is not None
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if select.select([server.stdout], [], [], 1)[0]:
            line = server.stdout.readline().decode("utf-8")
            if line.startswith("Voorbeeld van het boekje op "):
                return line.split(" op ", 1)[1].split(" ", 1)[0]
        if server.poll() is not None:  # it stopped: say why, instead of waiting out the clock
            break
    said = (
        server.stderr.read().decode("utf-8") if server.stderr and server.poll() is not None else ""
    )
    raise AssertionError(f"the preview printed no address (exit {server.poll()}): {said[-2000:]}")


def test_serve_group_shows_the_booklet_and_rebuilds_on_save(tmp_path: Path) -> None:
    groups = tmp_path / "groups"
    groups.mkdir()
    path = groups / "teun.yml"
    path.write_text((EXAMPLES / "teun.yml").read_text(encoding="utf-8"), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "TMPDIR": str(tmp_path)}
    env["PYTHONUNBUFFERED"] = "1"
    command = [sys.executable, "-m", "resourceboek.cli.main", "serve", "--group", "teun"]
    command += ["--groups", str(groups), "--dev-addr", f"127.0.0.1:{port}", "-f", CONFIG]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = _address(server) + "index.html"  # with its secret, printed once
        assert "Teun" in _get(url)
        text = path.read_text(encoding="utf-8").replace("client: Teun", "client: Teunis")
        path.write_text(text, encoding="utf-8")
        assert "Teunis" in _get(url, wanted="Teunis")
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    assert url.startswith(f"http://127.0.0.1:{port}/")
    assert "Traceback" not in err.decode("utf-8")
    # The readable pages were in a temporary folder outside the checkout, removed on exit.
    assert not list(tmp_path.glob("resourceboek-voorbeeld-*"))

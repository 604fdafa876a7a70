"""`serve --group` answers only its owner: real HTTP requests against a started preview."""

from __future__ import annotations

import http.client
import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pathkit import CONFIG, EXAMPLES, ROOT
from resourceboek.adapters import preview

URL = re.compile(r"Voorbeeld van het boekje op http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]+)/ ")


@dataclass
class Started:
    port: int
    secret: str
    temp: Path

    def get(self, path: str, host: str | None = None) -> tuple[int, str, dict[str, str]]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, body, dict(response.getheaders())

    def page(self, path: str = "index.html") -> tuple[int, str, dict[str, str]]:
        return self.get(f"/{self.secret}/{path}", f"127.0.0.1:{self.port}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(tmp: Path) -> tuple[subprocess.Popen[str], Started]:
    groups = tmp / "groups"
    groups.mkdir()
    (groups / "teun.yml").write_text((EXAMPLES / "teun.yml").read_text("utf-8"), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "TMPDIR": str(tmp)}
    env["PYTHONUNBUFFERED"] = "1"
    command = [sys.executable, "-m", "resourceboek.cli.main", "serve", "--group", "teun"]
    command += ["--groups", str(groups), "--dev-addr", f"127.0.0.1:{_free_port()}", "-f", CONFIG]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    end = time.monotonic() + 120
    while time.monotonic() < end:
        if not select.select([server.stdout], [], [], 1)[0]:
            continue  # no line yet: the deadline still counts
        found = URL.search(server.stdout.readline())
        if found:
            return server, Started(int(found[1]), found[2], tmp)
    server.kill()
    server.communicate()
    raise AssertionError("the preview did not print an address with a secret")


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Started]:
    tmp = tmp_path_factory.mktemp("voorbeeld")
    gone = tmp / f"{preview.TEMP_PREFIX}999999999-oud"  # left by a preview killed with -9
    older = tmp / f"{preview.TEMP_PREFIX}abc123_x"  # left by a version without a pid in the name
    running = tmp / f"{preview.TEMP_PREFIX}{os.getpid()}-loopt"  # a live process's: kept
    for folder in (gone, older, running):
        (folder / "boekje").mkdir(parents=True)
    server, info = _start(tmp)
    yield info
    server.send_signal(signal.SIGTERM)
    server.communicate(timeout=30)


def test_the_right_host_and_secret_get_the_booklet(started: Started) -> None:
    status, body, headers = started.page()
    assert status == 200
    assert "Teun" in body
    assert headers["Referrer-Policy"] == "no-referrer"
    assert started.get(f"/{started.secret}/", f"localhost:{started.port}")[0] == 200


def test_links_inside_the_preview_keep_working(started: Started) -> None:
    body = started.page()[1]
    links = set(re.findall(r'href="([a-z0-9_-]+\.html)"', body)) - {"index.html"}
    assert links
    for link in sorted(links):
        assert started.page(link)[0] == 200, link
    # The reload script polls under the secret too.
    assert f'"/{started.secret}/livereload/"' in body
    assert started.page("livereload/0/0")[1].strip().isdigit()


@pytest.mark.parametrize(
    "host", [None, "evil.example:{port}", "127.0.0.1.evil.example:{port}", "127.0.0.1", "[::1]"]
)
def test_another_host_is_refused(started: Started, host: str | None) -> None:
    status, body, _ = started.get(
        f"/{started.secret}/index.html", host.format(port=started.port) if host else None
    )
    assert status == 421
    assert "alleen op deze computer" in body
    assert "Teun" not in body


@pytest.mark.parametrize(
    "path", ["/", "/index.html", "/livereload/0/0", "/{wrong}/index.html", "/{secret}x/index.html"]
)
def test_an_address_without_the_secret_is_refused(started: Started, path: str) -> None:
    wrong = started.secret[:-1] + ("A" if started.secret[-1] != "A" else "B")
    status, body, headers = started.get(
        path.format(wrong=wrong, secret=started.secret), f"127.0.0.1:{started.port}"
    )
    assert status == 403
    assert "geheime code" in body
    assert started.secret not in body + str(headers)  # "/" no longer redirects to the secret


def test_leftovers_of_a_killed_preview_are_removed(started: Started) -> None:
    names = {p.name for p in started.temp.glob(f"{preview.TEMP_PREFIX}*")}
    assert f"{preview.TEMP_PREFIX}999999999-oud" not in names
    assert f"{preview.TEMP_PREFIX}abc123_x" not in names
    assert f"{preview.TEMP_PREFIX}{os.getpid()}-loopt" in names

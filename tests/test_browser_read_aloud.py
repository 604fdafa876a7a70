"""'Lees voor' in Chromium, with a stubbed speech engine (the Web Speech API's speechSynthesis,
replaced before any page script runs): an open booklet page hands its own text to a Dutch voice of
the device; without a local Dutch voice, or without speechSynthesis, there is no button.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from browserkit import PHONE, Site, Web, shoot
from unlockkit import GID, unlock

pytestmark = pytest.mark.browser

REMOTE_DUTCH = {"name": "Nederlands online", "lang": "nl-NL", "localService": False}
LOCAL_ENGLISH = {"name": "English local", "lang": "en-GB", "localService": True}
LOCAL_DUTCH = {"name": "Nederlands op dit apparaat", "lang": "nl-NL", "localService": True}

STUB = """
(() => {
  const voices = %s;
  const spoken = [];
  const cancelled = [];
  const engine = {
    getVoices: () => voices,
    speak: (u) => spoken.push({ text: u.text, voice: u.voice && u.voice.name, lang: u.lang }),
    cancel: () => cancelled.push(Date.now()),
    addEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: engine, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  window.rbTestSpeech = { spoken, cancelled };
})();
"""
NO_ENGINE = """
Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true });
"""


def open_booklet(web: Web, site: Site, script: str, page_name: str = "index.html") -> Page:
    page = web.new_page(PHONE)
    page.add_init_script(script)
    page.goto(site.booklet_url(GID, page_name))
    unlock(page)
    return page


def with_voices(*voices: dict[str, Any]) -> str:
    return STUB % json.dumps(list(voices))


def spoken(page: Page) -> list[dict[str, str]]:
    return list(page.evaluate("() => window.rbTestSpeech.spoken"))


@pytest.mark.parametrize("page_name", ["index.html", "signaleringsplan.html"])
def test_the_page_text_is_handed_to_a_local_dutch_voice(
    web: Web, site: Site, screenshots: Path, page_name: str
) -> None:
    page = open_booklet(web, site, with_voices(REMOTE_DUTCH, LOCAL_ENGLISH, LOCAL_DUTCH), page_name)
    button = page.get_by_role("button", name="Lees voor")
    expect(button).to_be_visible()
    if page_name == "index.html":  # the button in the bar keeps 112 on a phone's first screen
        expect(page.locator('.rb-crisis a[href="tel:112"]')).to_be_in_viewport()
    shoot(page, screenshots, f"lees-voor-{page_name.removesuffix('.html')}-360")
    button.click()
    said = spoken(page)
    assert said
    assert {line["voice"] for line in said} == {LOCAL_DUTCH["name"]}  # never the remote voice
    assert {line["lang"] for line in said} == {"nl-NL"}
    text = " ".join(line["text"] for line in said)
    article = page.locator("article").inner_text()
    assert " ".join(article.split()) == " ".join(text.split())  # the page's own text, all of it
    assert "Als het niet goed gaat" in text
    assert "Vergrendelen" not in text  # the buttons around the page are not read
    expect(page.get_by_role("button", name="Stop met voorlezen")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="Stop met voorlezen").click()
    assert page.evaluate("() => window.rbTestSpeech.cancelled.length") >= 1
    expect(button).to_be_visible()
    web.assert_only_local()  # the text never leaves the device


@pytest.mark.parametrize(
    "script",
    [with_voices(REMOTE_DUTCH, LOCAL_ENGLISH), with_voices(), NO_ENGINE],
    ids=["only-a-remote-dutch-voice", "no-voices", "no-speech-synthesis"],
)
def test_no_button_without_a_local_dutch_voice(web: Web, site: Site, script: str) -> None:
    page = open_booklet(web, site, script)
    expect(page.locator("#rb-vergrendel")).to_be_visible()
    assert page.locator("#rb-lees-voor").count() == 1
    expect(page.locator("#rb-lees-voor")).to_be_hidden()

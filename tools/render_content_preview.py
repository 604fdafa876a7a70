"""Render every content page for both variants with stub helpers (quick check while writing content).

Usage: python tools/render_content_preview.py [OUTDIR]
Writes OUTDIR/<variant>/<path>.md so the result can be read; fails on any template error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent
WORDS = {
    "volwassenen": {"client": "cliënt", "Client": "Cliënt", "clienten": "cliënten",
                    "Clienten": "Cliënten", "zv": "zorgverantwoordelijke",
                    "Zv": "Zorgverantwoordelijke", "zvn": "zorgverantwoordelijken"},
    "jongeren": {"client": "jongere", "Client": "Jongere", "clienten": "jongeren",
                 "Clienten": "Jongeren", "zv": "regiebehandelaar", "Zv": "Regiebehandelaar",
                 "zvn": "regiebehandelaars"},
}


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/content-preview")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    org = {"naam": "GGZ Voorbeeld", "team": "Team Herstel", "email": "herstel@example.org",
           "telefoon": "010 123 45 67"}
    for variant, words in WORDS.items():
        ctx = {"variant": variant, "jongeren": variant == "jongeren", "w": words, "org": org,
               "invulregels": lambda n=3: f"<!-- {n} invulregels -->",
               "agenda": lambda soort: f"<!-- agenda {soort} -->",
               "themas": lambda: "<!-- themas -->"}
        for src in sorted((ROOT / "content" / "toolkit").rglob("*.md")):
            rel = src.relative_to(ROOT / "content" / "toolkit")
            text = env.from_string(src.read_text(encoding="utf-8")).render(ctx)
            dest = out / variant / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
    print(f"rendered into {out}")


if __name__ == "__main__":
    main()

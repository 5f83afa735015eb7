"""The one scanner of a Markdown file as its editor wrote it (core/source.py):
front matter, fenced code blocks and code spans blanked, every line kept in
its place, for each check that names a line (other hosts, the HTML
allow-list, links from the server's root, pictures)."""

import pytest

from core.source import front_matter_end, in_code_blocks, prose

# name: (text, what prose() keeps of it, line by line).
PROSE = {
    "texte seul": ("Un <b>mot</b>.\nDeux.", ["Un <b>mot</b>.", "Deux."]),
    "en-tête": ("---\ntitle: <i>T</i>\n---\nCorps <b>", ["", "", "", "Corps <b>"]),
    "en-tête fermé par ...": ("---\ntitle: T\n...\nCorps", ["", "", "", "Corps"]),
    "en-tête jamais fermé : du texte": ("---\ntitle: <i>T</i>", ["---", "title: <i>T</i>"]),
    "bloc ```": ("a\n```html\n<script></script>\n```\nb", ["a", "", "", "", "b"]),
    "bloc ~~~": ("~~~\n<iframe>\n~~~\nb", ["", "", "", "b"]),
    "~~~ dans un bloc ``` : toujours du code": ("```\n~~~\n<x>\n```\nb", ["", "", "", "", "b"]),
    "fermé par une clôture plus longue": ("```\n<x>\n`````\nb", ["", "", "", "b"]),
    "une clôture plus courte ne ferme pas": ("````\n```\n<x>\n````\nb", ["", "", "", "", "b"]),
    "indenté de quatre espaces : pas une clôture": ("    ~~~\n<b>", ["    ~~~", "<b>"]),
    "bloc jamais fermé : code jusqu’au bout": ("a\n```\n<x>\n<y>", ["a", "", "", ""]),
    "code en ligne, colonnes gardées": ("Et `<iframe>` ici", ["Et " + " " * 10 + " ici"]),
    "code en ligne à deux accents": ("Et ``a`b`` <i>", ["Et " + " " * 7 + " <i>"]),
}


@pytest.mark.parametrize("case", PROSE)
def test_prose_blanks_what_shows_code_and_keeps_every_line(case):
    text, kept = PROSE[case]
    assert prose(text).split("\n") == kept


def test_front_matter_can_be_read_as_prose():
    text = "---\nsummary: voir [ici](/x)\n---\n```\n/y\n```"
    assert prose(text, front_matter=False).split("\n") == ["---", "summary: voir [ici](/x)", "---", "", "", ""]


@pytest.mark.parametrize(("lines", "end"), [
    ([], 0), (["Texte"], 0), (["---", "title: T", "---", "Corps"], 3), (["---", "title: T"], 0),
    ([" --- ", "a: b", "...", ""], 3),
])
def test_front_matter_end(lines, end):
    assert front_matter_end(lines) == end


def test_in_code_blocks_counts_the_fences_in_the_block():
    assert in_code_blocks(["a", "~~~", "b", "~~~", "c"]) == [False, True, True, True, False]

"""The Atom feed of the published site (publishconf.py) reads right in a
feed reader: a summary, plain text as editors write it, is sent as the HTML
the feed says it is (plugins/feed_summaries), so « < », « & » and French
quotes show as written; a summary Pelican makes from the text stays HTML."""

import html
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import pelican_build, write_content

ATOM = "{http://www.w3.org/2005/Atom}"
SITEURL = "https://exemple.github.io/site"

# The summary as written in the front matter (YAML, single-quoted).
SUMMARIES = {
    "chevrons": "Quand a < b et b > c : la règle <b> n’est pas du gras.",
    "esperluette": "Soins & accompagnement, R&D, &amp; écrit tel quel.",
    "guillemets": "« Rêver tout haut », disent-ils ; l’atelier commence à 9 h.",
    "balise de script": "<script>alert(1)</script> est un texte, pas un script.",
}


def shown_by_a_reader(entry):
    """What a feed reader shows of an entry's summary: the XML text, read as
    the HTML its type says, reduced to its text."""
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    return BeautifulSoup(summary.text, "html.parser").get_text(), summary.text


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    root = tmp_path_factory.mktemp("feed")
    files = {f"ressources/{name.replace(' ', '-')}.md":
             f"---\ntitle: Article {name}\ndate: 2026-01-{day:02}\nsummary: '{text.replace(chr(39), chr(39) * 2)}'\n---\n\n"
             "Le texte de l’article.\n" for day, (name, text) in enumerate(SUMMARIES.items(), 1)}
    files["ressources/sans-resume.md"] = ("---\ntitle: Sans résumé\ndate: 2026-02-01\n---\n\n"
                                          "Un texte *en italique* & un autre. " + "Encore une phrase. " * 40 + "\n")
    write_content(root / "content", files)
    result = pelican_build(root / "content", root / "output", settings="publishconf.py", env={"SITEURL": SITEURL})
    assert result.returncode == 0, result.stdout + result.stderr
    entries = ET.parse(root / "output" / "ressources" / "feed.atom.xml").getroot().findall(f"{ATOM}entry")
    return {entry.find(f"{ATOM}title").text: entry for entry in entries}


@pytest.mark.parametrize("name", SUMMARIES)
def test_a_summary_reads_in_a_feed_reader_as_it_was_written(feed, name):
    shown, markup = shown_by_a_reader(feed[f"Article {name}"])
    assert shown == SUMMARIES[name]
    assert "<script" not in markup and "<b>" not in markup  # no element for a reader to run or show


def test_a_summary_made_from_the_text_stays_html(feed):
    shown, markup = shown_by_a_reader(feed["Sans résumé"])
    assert "<em>en italique</em>" in markup
    assert html.unescape(shown).startswith("Un texte en italique & un autre")

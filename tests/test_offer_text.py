"""Any text an editor may type in an offer's fields is shown as text: the page
stays well-formed HTML and nothing typed becomes markup (property-based)."""

import json
import tempfile
from pathlib import Path

import html5lib
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pelican import Pelican
from pelican.settings import read_settings
from pydantic import ValidationError

from conftest import ROOT, as_shown, visible_text, write_content
from core.schemas import Offer

# Printable text: no control characters (the schema refuses them, and so does
# YAML), no lone surrogates or unassigned code points. Markup and template
# syntax are mixed in so that every example is likely to hold some.
TRICKY = ["<", ">", "&", '"', "'", "</p>", "<script>", "</script>", "&amp;", "&#x3C;", "{{ x }}", "{% if %}",
          "{filename}/pages/x.md", "*", "_", "`", "]]>", "<!--", "\u00a0", "«", "»", "’", "é"]
WORD = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=12)
TEXT = st.lists(st.one_of(WORD, st.sampled_from(TRICKY)), min_size=1, max_size=8).map("".join)
TEXTS = st.lists(TEXT, min_size=1, max_size=3)

OFFERS = st.fixed_dictionaries({
    "title": TEXT, "summary": TEXT, "method": TEXT, "audience": TEXT, "objectives": TEXTS,
    "prerequisites": TEXT, "facilitators": TEXT, "principles": TEXTS, "deliverables": TEXTS,
    "evaluation": TEXT, "access_delay": TEXT, "accessibility": TEXT, "contact": TEXT,
    "citations": st.lists(st.fixed_dictionaries({"text": TEXT, "author": TEXT, "work": TEXT}), min_size=1, max_size=2),
    "modalities": st.fixed_dictionaries({
        "duration": st.sampled_from(["1h30", "2h", "45 min", "à définir avec l’équipe"]),
        "frequency": TEXT, "group_size": st.just({"ideal": 8}), "format": TEXT, "commitment": TEXT,
    }),
    "price": st.one_of(
        st.fixed_dictionaries({"amount": st.integers(1, 10_000), "currency": st.just("EUR"),
                               "unit": st.just("per_session"), "note": TEXT}),
        st.just({"on_quote": True}),
    ),
})


def build(front_matter, folder):
    """Build a site holding this one offer, in this process (a fresh process
    per example would make the test ten times slower)."""
    dumped = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
    write_content(folder / "content", {"ateliers/essai.md": f"---\n{dumped}---\n\nLe texte de l’atelier.\n"})
    # The search index is not this test's subject, and Pagefind is most of a small build.
    overrides = {"PATH": str(folder / "content"), "OUTPUT_PATH": str(folder / "output"), "CACHE_CONTENT": False,
                 "SEARCH_INDEX": False}
    # The theme is compiled once: pelicanconf.py gives Jinja its bytecode cache.
    Pelican(read_settings(str(ROOT / "pelicanconf.py"), override=overrides)).run()
    return (folder / "output" / "ateliers" / "essai" / "index.html").read_text(encoding="utf-8")


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(OFFERS)
def test_any_text_in_any_field_is_shown_escaped(front_matter):
    try:
        offer = Offer.model_validate(front_matter)
    except ValidationError:
        assume(False)  # a value the schema refuses never reaches a page
    with tempfile.TemporaryDirectory() as folder:
        page = build(front_matter, Path(folder))

    # Well-formed: the strict HTML5 parser finds no error at all.
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    soup = BeautifulSoup(page, "html5lib")
    # Nothing typed became an element: the only script is the JSON-LD.
    assert [script.get("type") for script in soup.find_all("script")] == ["application/ld+json"]
    data = json.loads(soup.find("script").string)
    assert data["name"] == offer.title
    assert data["description"] == offer.summary

    main = soup.select_one(".two-column__main")
    # Shown as typed, set in French typography.
    assert visible_text(main.h1) == as_shown(offer.title, "h1")
    assert visible_text(main.select_one(".lede")) == as_shown(offer.summary)
    assert [visible_text(item) for item in main.select("#objectifs li")] == [as_shown(text) for text in offer.objectives]
    assert [visible_text(item) for item in main.select("#methode li")] == [as_shown(text) for text in offer.principles]
    assert [visible_text(item) for item in main.select("#modalites li")] == [as_shown(text) for text in offer.deliverables]
    for citation, figure in zip(offer.citations, main.select("figure.citation"), strict=True):
        assert visible_text(figure.blockquote) == as_shown(citation.text)
        assert visible_text(figure.cite) == as_shown(citation.work)
    text = visible_text(main)
    for value in (offer.audience, offer.method, offer.prerequisites, offer.facilitators, offer.evaluation,
                  offer.access_delay, offer.accessibility, offer.contact, offer.modalities.frequency,
                  offer.modalities.format, offer.modalities.commitment):
        assert as_shown(value) in text

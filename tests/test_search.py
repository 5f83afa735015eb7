"""Search: Pagefind's index, built with the site in French and served by it;
Chromium types a word and sees the right page first; without JavaScript the
page says so and leads to the offers."""

import copy
import json
import re

import pytest

from conftest import FIXTURE_CONTENT, PUBLISHED_SITEURL, Site, as_shown, build_files, front_matter, published_offers, wait_in_page
from search_index.elisions import split_elisions, split_elisions_in_html
from site_checks.accessibility import site_context


def test_the_index_is_built_in_french_inside_the_site(site):
    entry = json.loads((site.root / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]
    assert entry["languages"]["fr"]["page_count"] >= len(site.html_files()) - 3  # not the 404 or search pages


def search(page, url, words):
    page.goto(url)
    page.fill("#recherche-mots", words)
    page.click("form.search button")
    page.wait_for_selector(".search__results li a")
    return [(link.inner_text(), link.get_attribute("href")) for link in page.query_selector_all(".search__results li a")]


@pytest.mark.parametrize(("words", "expected"), [
    ("Balint", "/ateliers/analyse-des-pratiques-balint/"),
    ("sophrologie", "/ateliers/ateliers-et-formation-en-sophrologie-pour-professionels/"),
])
def test_typing_a_method_finds_its_offer_first(browser, fixture_site_url, words, expected):
    """On the fixture content: seed 004's method and seed 002's."""
    page = browser.new_page()
    try:
        results = search(page, f"{fixture_site_url}/recherche/", words)
        assert results[0][1] == expected, results
        assert f"pour «\u00a0{words}\u00a0»" in page.inner_text(".search__status")
    finally:
        page.close()


# French words as a visitor types them: accents or not, an elision with
# either apostrophe, a plural; the fixture's offer that says it comes first.
WRITING, LISTENING = "/ateliers/ecriture/", "/ateliers/atelier-ecoute-et-soutien/"
FRENCH_QUERIES = {
    "écriture": WRITING,
    "ecriture": WRITING,
    "ÉCRITURE": WRITING,
    "d’écriture": WRITING,
    "d'écriture": WRITING,
    "écritures": WRITING,
    "atelier d’ecriture": WRITING,
    "écoute": LISTENING,
    "ecoute": LISTENING,
    "l'écoute": LISTENING,
    "l’écoute et le soutien": LISTENING,
    "soutiens": LISTENING,
    "sophrologues": "/ateliers/ateliers-et-formation-en-sophrologie-pour-professionels/",
    "co-développement": "/ateliers/groupe-echange-de-pratiques/",
    "comparer": "/ateliers/comparatif/",
}


@pytest.mark.parametrize(("words", "expected"), FRENCH_QUERIES.items(), ids=list(FRENCH_QUERIES))
def test_a_french_word_finds_its_offer_first(browser, fixture_site_url, words, expected):
    page = browser.new_page()
    try:
        results = search(page, f"{fixture_site_url}/recherche/", words)
        assert results[0][1] == expected, results
    finally:
        page.close()


def test_a_result_shows_its_kind_summary_price_and_its_elisions_in_place(browser, fixture_site_url):
    offer = front_matter(FIXTURE_CONTENT / "ateliers" / "analyse-des-pratiques-balint.md")
    page = browser.new_page()
    try:
        search(page, f"{fixture_site_url}/recherche/", "l’analyse")
        first = page.locator(".search__result").first
        assert first.locator(".search__kind").inner_text().lower() == "atelier"
        assert flat(first.locator(".search__title").inner_text()) == flat(as_shown(offer["title"]))
        assert flat(first.locator(".search__summary").inner_text()) == flat(as_shown(offer["summary"]))
        assert flat(first.locator(".search__price").inner_text()) == "Tarif : 250 € par séance"
        excerpts = " ".join(page.locator(".search__excerpt").all_inner_texts())
        assert re.search(r"\b[dl]’ \w", excerpts) is None, excerpts  # the index's « d’ écriture », joined back
        kinds = page.locator(".search__kind").all_inner_texts()
        assert {kind.lower() for kind in kinds} <= {"atelier", "article", "page"}
    finally:
        page.close()


def test_teasers_and_the_comparison_table_are_not_indexed(browser, fixture_site_url, fixture_site):
    """« Balint » is found where a page says it, not in the « Autres
    ateliers » cards, the side column or the comparison's cells."""
    page = browser.new_page()
    try:
        found = [href for _, href in search(page, f"{fixture_site_url}/recherche/", "Balint")]
    finally:
        page.close()
    pages = dict(fixture_site.pages())
    saying = {url for url, soup in pages.items() if says(soup, "balint", teasers=False)}
    teasing = {url for url, soup in pages.items() if says(soup, "balint", teasers=True)} - saying
    assert found[0] == "/ateliers/analyse-des-pratiques-balint/"
    assert teasing, "aucune page ne montre l’atelier Balint dans un encart : le test ne prouverait rien"
    assert set(found) == saying, (found, teasing)


def says(soup, word, teasers):
    """Whether a page's indexed part (data-pagefind-body) says `word`, in
    its teasers only (`teasers`) or elsewhere."""
    body = soup.select_one("[data-pagefind-body]")
    if body is None:
        return False
    body = copy.copy(body)
    ignored = body.select("[data-pagefind-ignore]")
    if teasers:
        return any(word in part.get_text().lower() for part in ignored)
    for part in ignored + body.select("form, nav, footer, script"):
        part.decompose()
    return word in body.get_text().lower()


def flat(text):
    """No-break spaces as spaces: what a reader sees."""
    return re.sub(r"[\u00a0\u202f ]+", " ", text)


@pytest.mark.parametrize(("text", "indexed"), [
    ("Atelier d’écriture", "Atelier d’ écriture"),
    ("l'écoute, qu’ils, j’ai, n’est, s’il, c’est", "l' écoute, qu’ ils, j’ ai, n’ est, s’ il, c’ est"),
    ("jusqu’à lorsqu’on puisqu’elle", "jusqu’ à lorsqu’ on puisqu’ elle"),
    ("L’Atelier D’écoute", "L’ Atelier D’ écoute"),
    ("aujourd’hui, quelqu’un, prud’hommes", "aujourd’hui, quelqu’un, prud’hommes"),
    ("l’« aller-vers », d’1 à 2, l’", "l’« aller-vers », d’1 à 2, l’"),
    ("d&#39;écoute", "d&#39; écoute"),
])
def test_elisions_are_split_for_the_index(text, indexed):
    assert split_elisions(text) == indexed


def test_only_the_text_of_a_page_is_split_not_its_markup():
    html = ('<h1 title="l’atelier">L’atelier d’écriture</h1><script>var s = "l’x";</script>'
            '<!-- l’y --><meta content="d’écoute" data-pagefind-meta="summary[content]"><p>qu’il</p>')
    assert split_elisions_in_html(html) == html.replace("L’atelier d’écriture", "L’ atelier d’ écriture").replace(
        "<p>qu’il", "<p>qu’ il")


def test_the_site_itself_keeps_its_elisions(fixture_site):
    """Only the copy Pagefind reads is split: the visitor's page is as written."""
    text = fixture_site.soup("/ateliers/ecriture/").select_one("h1").get_text()
    assert "d’écriture" in text and "d’ écriture" not in text


def test_a_word_found_nowhere_is_said(browser, site_url):
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/recherche/?q=zzyzx")
        wait_in_page(page, "document.querySelector('.search__status').textContent.length > 0")
        assert "Aucune page ne contient" in page.inner_text(".search__status")
    finally:
        page.close()


def test_search_works_on_a_site_published_under_a_subpath(browser, published_site):
    context, origin = site_context(browser, published_site.root, PUBLISHED_SITEURL)
    try:
        offer, meta = next(iter(published_offers().items()))
        results = search(context.new_page(), f"{origin}/recherche/", meta["title"])
        assert "/reve" + offer in [href for _, href in results], results
        assert all(href.startswith("/reve/") for _, href in results), results
    finally:
        context.close()


def test_without_javascript_the_page_says_so_and_leads_to_the_offers(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/recherche/")
        notice = page.locator(".search__no-script")
        assert notice.is_visible()
        assert "La recherche a besoin de JavaScript" in notice.inner_text()
        assert notice.locator('a[href="/ateliers/"]').count() == 1
    finally:
        context.close()


# -- A large site: indexed in batches, merged by the search page --------------------------

@pytest.fixture(scope="module")
def batched_site(tmp_path_factory):
    """A small site indexed as a large one is: batches of five pages."""
    folder = tmp_path_factory.mktemp("lots")
    files = {f"ressources/note-{n}.md": f"---\ntitle: Note {n}\ndate: 2025-02-{n:02d}\n---\n\nNote numéro {n}.\n"
             for n in range(1, 13)}
    files["ressources/note-12.md"] = "---\ntitle: Note douze\ndate: 2025-02-12\n---\n\nUn mot rare : ornithorynque.\n"
    result, output = build_files(folder, files, options=("-e", "SEARCH_INDEX_BATCH=5"))
    assert result.returncode == 0, output
    return Site(folder / "output")


def test_a_large_site_is_indexed_in_batches_that_cover_every_page(batched_site):
    others = json.loads((batched_site.root / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    bundles = ["pagefind", *(other.strip("./") for other in others)]
    assert len(bundles) >= 4 and bundles[1] == "pagefind-2"
    counted = sum(json.loads((batched_site.root / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
                  ["languages"]["fr"]["page_count"] for bundle in bundles)
    marked = [path for path in batched_site.html_files() if "data-pagefind-body" in path.read_text(encoding="utf-8")]
    assert counted == len(marked)


def test_the_search_page_finds_a_page_of_the_last_batch(browser, batched_site):
    context, origin = site_context(browser, batched_site.root)
    try:
        results = search(context.new_page(), f"{origin}/recherche/", "ornithorynque")
        assert [href for _, href in results] == ["/ressources/note-12/"]
    finally:
        context.close()

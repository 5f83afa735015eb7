"""Search: Pagefind's index, built with the site in French and served by it;
Chromium types a word and sees the right page first; without JavaScript the
page says so and leads to the offers."""

import json

import pytest

from conftest import PUBLISHED_SITEURL, Site, build_files, published_offers, wait_in_page
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

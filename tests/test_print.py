"""Print, for a budget request: an offer prints on at most two A4 pages, the
comparison on A4 landscape; no menu or footer; links show their address."""

import re

import pytest

from conftest import published_offers


def pdf_pages(pdf):
    """The page count of a PDF Chromium printed, and each page's size in points."""
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    return [(round(float(width)), round(float(height))) for width, height in sizes]


def print_page(browser, url, artefacts, name):
    page = browser.new_page()
    try:
        page.goto(url)
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True)
    finally:
        page.close()
    (artefacts / f"{name}.pdf").write_bytes(pdf)
    return pdf_pages(pdf)


@pytest.mark.parametrize("url", list(published_offers()))
def test_an_offer_prints_on_at_most_two_a4_pages(browser, site_url, artefacts, url):
    pages = print_page(browser, site_url + url, artefacts, url.strip("/").replace("/", "-"))
    assert 1 <= len(pages) <= 2, url
    assert set(pages) == {(595, 842)}  # A4 portrait, in points


def test_the_comparison_prints_on_a4_landscape(browser, site_url, artefacts):
    pages = print_page(browser, f"{site_url}/ateliers/comparatif/", artefacts, "comparatif-impression")
    assert pages and set(pages) == {(842, 595)}


def test_print_hides_the_menu_and_footer_and_shows_link_addresses(browser, site_url):
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/mentions-legales/")
        page.emulate_media(media="print")
        hidden = page.evaluate("['.site-nav', '.site-footer', '.skip-link']"
                               ".map(selector => getComputedStyle(document.querySelector(selector)).display)")
        after = page.evaluate("getComputedStyle(document.querySelector('main a[href^=\"/\"]'), '::after').content")
    finally:
        page.close()
    assert hidden == ["none", "none", "none"]
    assert after.startswith('" ("') or "attr(href)" in after or after.startswith('" (/')

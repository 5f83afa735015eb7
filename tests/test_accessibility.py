"""Accessibility: every page type, and every page, has no axe-core violation
of the WCAG 2.1 A and AA rules, in the system's Chromium."""

import shutil

import pytest

from conftest import PUBLISHED_SITEURL, page_types
from site_checks.accessibility import accessibility_problems, site_context, violations

PAGE_TYPES = page_types()


@pytest.fixture(scope="module")
def axe_page(site, browser):
    """A browser tab on the built site, served from its folder, with axe-core."""
    context, origin = site_context(browser, site.root)
    page = context.new_page()
    yield lambda url: page.goto(origin + url) and page
    context.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_each_page_type_has_no_wcag_violation(site, axe_page, page_type):
    url = PAGE_TYPES[page_type]
    assert site.file_for(url).is_file()
    page = axe_page(url)
    assert page.title()  # the page itself was served, with its stylesheet
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
    assert violations(page) == []


def test_every_page_of_the_site_has_no_wcag_violation(site, browser):
    assert accessibility_problems(browser, site.root) == []


def test_the_published_site_is_checked_at_its_own_address(published_site, browser):
    """Under a subpath, every link and the stylesheet are absolute: the pages
    are served at SITEURL from the built folder, nothing is fetched."""
    assert accessibility_problems(browser, published_site.root, PUBLISHED_SITEURL) == []


def test_violations_are_found_and_named(site, browser, tmp_path):
    """The check can fail: an image with no text and an empty link, planted
    in a copy, are named with their rule."""
    copy = tmp_path / "copie"
    shutil.copytree(site.root, copy)
    page = copy / "contact" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", '<img src="/theme/favicon.svg"><a href="/"></a></main>'), encoding="utf-8")
    problems = accessibility_problems(browser, copy, pages=["/contact/"])
    assert any(line.startswith("page /contact/ : accessibilité, règle « image-alt » (critical)") for line in problems), problems
    assert any("règle « link-name »" in line for line in problems), problems

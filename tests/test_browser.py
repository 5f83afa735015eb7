"""Layout in a real Chromium: readable from 320 px, two columns only when there
is room, a skip link that shows and works with the keyboard."""

import re

import pytest

from conftest import page_types, wait_in_page

PAGE_TYPES = page_types()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_sideways_scroll_at_320px(page, site_url, artefacts, name):
    page.goto(site_url + PAGE_TYPES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=artefacts / f"320-{name}.png", full_page=True)
    assert width <= 320, f"{PAGE_TYPES[name]} fait {width} px de large à 320 px"


@pytest.mark.parametrize(("width", "side_by_side"), [(375, False), (1280, True)])
def test_offer_columns(browser, site_url, width, side_by_side):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES["offre"])
    main = page.locator(".two-column__main").bounding_box()
    side = page.locator(".two-column__side").bounding_box()
    context.close()
    if side_by_side:
        assert side["x"] >= main["x"] + main["width"]
    else:
        assert side["y"] >= main["y"] + main["height"]


def test_skip_link_shows_on_focus_and_moves_to_main(page, site_url):
    page.goto(site_url + "/contact/")
    skip = page.locator(".skip-link")
    assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0  # hidden off screen
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.bounding_box()["y"] >= 0
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


# -- The comparison and the propositions (issue 4) ------------------------------

COMPARISON = "/ateliers/comparatif/"
WIDE_PAGES = {"comparatif": COMPARISON, "offre": PAGE_TYPES["offre"]}
# A4 landscape less the 1 cm margins of the print stylesheet, in CSS pixels.
A4_LANDSCAPE_CONTENT = {"width": round((297 - 20) / 25.4 * 96), "height": round((210 - 20) / 25.4 * 96)}


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", WIDE_PAGES)
def test_no_wider_than_the_screen(browser, site_url, artefacts, name, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + WIDE_PAGES[name])
    document_width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=artefacts / f"{width}x800-{name}.png", full_page=True)
    context.close()
    assert document_width <= width, f"{WIDE_PAGES[name]} fait {document_width} px de large à {width} px"


def test_on_a_phone_the_table_scrolls_in_its_own_region(browser, site_url):
    """The region scrolls with the keyboard; the criteria stay in view."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url + COMPARISON)
    region = page.locator(".table-scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    wait_in_page(page, "document.querySelector('.table-scroll').scrollLeft > 0")
    label = page.locator("table.comparison tbody th").first.bounding_box()
    box = region.bounding_box()
    context.close()
    assert box["x"] <= label["x"] <= box["x"] + 2


def test_the_former_and_the_new_propositions_look_the_same(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    style = """element => {
        const box = getComputedStyle(element), link = getComputedStyle(element.querySelector("a"));
        return [box.borderLeftStyle, box.borderLeftWidth, box.borderLeftColor, box.backgroundColor,
                box.paddingLeft, box.paddingTop, box.marginTop, link.fontWeight, link.color];
    }"""
    page.goto(site_url + "/ateliers/")
    former = page.locator("div.proposition").first.evaluate(style)
    page.goto(site_url + PAGE_TYPES["offre"])
    new = page.locator("li.proposition").first.evaluate(style)
    context.close()
    assert former == new
    assert former[0] == "solid" and former[3] != "rgba(0, 0, 0, 0)"


def test_the_comparison_prints_on_a4_landscape_without_cut_columns(browser, site_url, artefacts):
    context = browser.new_context(viewport=A4_LANDSCAPE_CONTENT)
    page = context.new_page()
    page.goto(site_url + COMPARISON)
    page.emulate_media(media="print")
    right_edges = page.evaluate(
        "[...document.querySelectorAll('table.comparison th, table.comparison td')]"
        ".map(cell => cell.getBoundingClientRect().right)"
    )
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    context.close()
    (artefacts / "comparatif.pdf").write_bytes(pdf)
    assert max(right_edges) <= A4_LANDSCAPE_CONTENT["width"]
    width, height = map(float, re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points

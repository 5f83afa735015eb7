"""Layout in a real Chromium: readable from 320 px, two columns only when there
is room, a skip link that shows and works with the keyboard."""

import pytest

PAGE_TYPES = {
    "accueil": "/",
    "page-deux-colonnes": "/ateliers/",
    "offre": "/ateliers/analyse-des-pratiques-balint/",
    "page": "/contact/",
    "article": "/ressources/aller-vers-et-emotions-des-travailleurs-sociaux/",
    "liste-articles": "/ressources/",
    "404": "/404.html",
}


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

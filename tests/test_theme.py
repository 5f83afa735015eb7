"""The theme's promises on every page: French, landmarks, skip link, no script,
nothing loaded from another host."""

import pelicanconf
from conftest import ROOT, published_offers

CSS = (ROOT / "theme" / "static" / "css" / "style.css").read_text(encoding="utf-8")


def test_every_page_is_french_with_landmarks(site):
    for url, soup in site.pages():
        assert soup.html["lang"] == "fr", url
        for landmark in ("header", "nav", "main", "footer"):
            assert len(soup.find_all(landmark)) >= 1, f"{landmark} manque dans {url}"
        assert len(soup.find_all("main")) == 1, url
        assert soup.find("meta", attrs={"name": "viewport"}), url
        assert soup.title.get_text().strip(), url


def test_skip_link_comes_first_and_reaches_main(site):
    for url, soup in site.pages():
        first_link = soup.body.find("a")
        assert first_link["href"] == "#contenu", url
        assert soup.find(id="contenu").name == "main", url


def test_no_script_but_search_and_nothing_from_another_host(site):
    """Structured data (JSON-LD) is the only script, data never run, except
    on the search page and the enquiry page, which run the site's own
    search.js and enquiry.js."""
    own = {f"/{pelicanconf.SEARCH_URL}": "/theme/js/search.js", f"/{pelicanconf.ENQUIRY_URL}": "/theme/js/enquiry.js"}
    for url, soup in site.pages():
        scripts = soup.find_all("script")
        if url in own:
            assert [script.get("src") for script in scripts] == [own[url]], url
            continue
        assert all(script.get("type") == "application/ld+json" and not script.get("src") for script in scripts), url
        for tag, attribute in (("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "srcset")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                assert not element[attribute].startswith(("http:", "https:", "//")), f"{element} dans {url}"


def test_stylesheet_uses_system_fonts_and_shows_focus():
    assert "system-ui" in CSS
    assert "@font-face" not in CSS and "@import" not in CSS
    assert "url(" not in CSS
    assert ":focus-visible" in CSS and "outline" in CSS


def test_menu_marks_the_current_section(site):
    current = site.soup(next(iter(published_offers()))).select("nav .is-current")
    assert [a.get_text() for a in current] == ["Ateliers"]
    assert site.soup("/contact/").select_one('nav a[aria-current="page"]').get_text() == "Contact"

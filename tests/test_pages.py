"""Every content file gives its page at its clean URL, and nothing is left unresolved."""

import pytest

from conftest import CONTENT, REGLAGES, as_shown, expected_url, front_matter, published_offers

CONTENT_FILES = sorted(CONTENT.rglob("*.md"))


def test_the_site_has_its_pages():
    names = {path.relative_to(CONTENT).as_posix() for path in CONTENT_FILES}
    assert {"pages/accueil.md", "pages/ateliers.md", "pages/contact.md", "pages/404.md"} <= names
    assert any(name.startswith("ateliers/") for name in names)
    assert any(name.startswith("ressources/") for name in names)


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda path: path.relative_to(CONTENT).as_posix())
def test_each_content_file_gives_its_page(site, path):
    url = expected_url(path)
    meta = front_matter(path)
    page = site.file_for(url)
    if meta.get("status") == "draft":
        assert not page.exists(), f"le brouillon {path.name} est publié à {url}"
        return
    assert page.is_file(), f"{path.name} devait donner la page {url}"
    assert as_shown(meta["title"]) in site.soup(url).title.get_text()


def test_key_urls(site):
    for url in ["/", "/ateliers/", *published_offers(), "/ressources/", "/contact/", "/404.html"]:
        assert site.file_for(url).is_file(), url


def test_no_markup_left_unresolved(site):
    for path in site.html_files():
        html = path.read_text(encoding="utf-8")
        for leftover in ("{filename}", "{static}", "{attach}", "{:"):
            assert leftover not in html, f"{leftover} reste dans {site.url_of(path)}"


def test_each_page_has_one_h1(site):
    for path in site.html_files():
        assert len(site.soup(site.url_of(path)).find_all("h1")) == 1, site.url_of(path)


def test_home_lists_every_offer_in_order(site):
    links = [a["href"] for a in site.soup("/").select(".home__offers .card__title a")]
    assert links == list(published_offers())


def test_article_list_links_every_article(site):
    links = {a["href"] for a in site.soup("/ressources/").select(".article-list a")}
    assert links == {expected_url(path) for path in CONTENT.glob("ressources/*.md")}


def test_article_date_in_french(site):
    article = next(CONTENT.glob("ressources/*.md"))
    time = site.soup(expected_url(article)).select_one(".article__meta time")
    date = front_matter(article)["date"]
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
    assert time["datetime"] == date.isoformat()
    assert months[date.month - 1] in time.get_text()


def test_menu_links_reach_pages(site):
    for link in site.soup("/").select("nav a"):
        assert site.file_for(link["href"]).is_file(), link["href"]


def test_contact_details_are_never_invented(site):
    """While content/reglages.yml gives no email, the page says so instead of making one up."""
    details = site.soup("/contact/").select_one(".contact-details").get_text()
    email = REGLAGES["ORGANISATION"].get("email")
    assert (email in details) if email else "pas encore renseigné" in details
    assert bool(site.soup("/contact/").select('a[href^="mailto:"]')) == bool(email)

"""The former Jekyll site's page (seed 000, in the fixture content) builds as it is, at /ateliers/."""

import hashlib
from urllib.parse import urljoin

from conftest import FIXTURE_CONTENT

# The seed's checksum: the page must stay byte for byte what the former site had.
SEED_SHA256 = "6bdabb98d024ae920e63a77d390d52ecfa1780a170edbd77d8b7d17e9b9fd567"
URL = "/ateliers/"


def test_page_is_the_seed_as_it_is():
    data = (FIXTURE_CONTENT / "pages" / "ateliers.md").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256


def test_layout_selects_the_two_column_template(fixture_site):
    soup = fixture_site.soup(URL)
    assert soup.select_one(".two-column > .two-column__main")
    assert soup.select_one(".two-column > aside.two-column__side")


def test_its_own_heading_is_the_only_h1(fixture_site):
    headings = fixture_site.soup(URL).find_all("h1")
    assert [h.get_text() for h in headings] == ["Ateliers à destination des professionnels"]


def test_kramdown_class_is_kept(fixture_site):
    emphasis = fixture_site.soup(URL).select_one("em.rever-typog")
    assert emphasis is not None and emphasis.get_text() == "Rêver tout haut"


def test_cite_paragraph_is_the_quotation_attribution(fixture_site):
    soup = fixture_site.soup(URL)
    figure = soup.select_one("figure.citation")
    assert [child.name for child in figure.find_all(recursive=False)] == ["blockquote", "figcaption"]
    assert figure.blockquote.get_text().strip().startswith("«\u00a0Le travailleur social se veut")
    caption = figure.figcaption
    assert "Michel Autès" in caption.get_text()
    assert caption.cite.get_text() == "Les paradoxes du travail social"
    assert not soup.select("p.cite")


def test_proposition_links_reach_real_pages(fixture_site):
    """Relative links as the former site wrote them, resolved as GitHub Pages does."""
    links = fixture_site.soup(URL).select("div.proposition a")
    assert len(links) == 2
    for link in links:
        target = urljoin(URL, link["href"])
        page = fixture_site.file_for(target)
        assert page.is_file(), f"{link['href']} ne mène à aucune page"
        assert fixture_site.soup(target).select_one(".two-column__main h1")

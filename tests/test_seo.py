"""Being found: every page of the published site has a title and a
description (two pages that share one are a warning of `make check`, a rule
of the content), a canonical link and Open Graph tags; sitemap.xml lists every
published page, robots.txt names it; the home page says who publishes the
site (JSON-LD); an Atom feed of the articles is linked from every head."""

import json
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import (
    CONTENT,
    GOOD,
    PUBLISHED_SITEURL,
    REGLAGES,
    as_shown,
    build_files,
    build_or_fail,
    published_offers,
    titled_offer,
)
from core.problems import describe
from site_checks.duplicates import duplicate_warnings

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
FEED_URL = f"{PUBLISHED_SITEURL}/ressources/feed.atom.xml"


def meta(soup, **attributes):
    element = soup.find("meta", attrs=attributes)
    return element["content"] if element else None


def test_every_page_has_a_title_and_a_description(published_site):
    for url, soup in published_site.pages():
        title, description = soup.title.get_text(strip=True), meta(soup, name="description")
        assert title and description, url
        assert len(description) <= 300, url


def test_pages_that_share_a_title_or_a_description_are_a_warning(tmp_path):
    """A workshop copied from another keeps its summary: `make check` names
    both pages (tasks.py), the 404 page (noindex) is never counted."""
    result, said = build_files(tmp_path, {
        "ateliers/premier.md": titled_offer("Premier atelier"), "ateliers/copie.md": titled_offer("Atelier copié"),
        "pages/404.md": f"---\ntitle: Page introuvable\nsummary: {GOOD['summary']}\nstatus: hidden\ntemplate: \"404\"\n"
                        "save_as: 404.html\nurl: 404.html\n---\n\nPerdu.\n",
    })
    assert result.returncode == 0, said
    [warning] = duplicate_warnings(tmp_path / "output")
    assert warning.severity == "warning"
    sentence = describe(warning)
    assert "/ateliers/copie/ et /ateliers/premier/ ont la même description" in sentence, sentence
    assert "résumé (summary)" in sentence
    (tmp_path / "output" / "ateliers" / "copie" / "index.html").unlink()
    assert duplicate_warnings(tmp_path / "output") == []


def test_every_page_names_its_canonical_address_and_open_graph(published_site):
    for url, soup in published_site.pages():
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == PUBLISHED_SITEURL + url, url
        assert meta(soup, property="og:url") == canonical
        assert meta(soup, property="og:title") and meta(soup, property="og:description"), url
        assert meta(soup, property="og:description") == meta(soup, name="description"), url
        an_article = url.startswith("/ressources/") and url != "/ressources/"
        assert meta(soup, property="og:type") == ("article" if an_article else "website")
        assert meta(soup, property="og:locale") == "fr_FR"


def test_every_page_links_to_the_feed(published_site):
    for url, soup in published_site.pages():
        feed = soup.find("link", rel="alternate", type="application/atom+xml")
        assert feed and feed["href"] == FEED_URL, url


def test_the_feed_parses_and_lists_the_articles(published_site):
    feed = ET.parse(published_site.root / "ressources" / "feed.atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    articles = sorted((CONTENT / "ressources").glob("*.md"))
    assert len(entries) == len(articles) > 0
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith(PUBLISHED_SITEURL + "/ressources/")
        assert published_site.file_for(link.removeprefix(PUBLISHED_SITEURL)).is_file()
        assert entry.find(f"{ATOM}title").text and entry.find(f"{ATOM}updated").text


def test_the_sitemap_lists_every_published_page_and_nothing_else(published_site):
    sitemap = ET.parse(published_site.root / "sitemap.xml").getroot()
    listed = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    expected = [PUBLISHED_SITEURL + url for url, soup in published_site.pages()
                if meta(soup, name="robots") != "noindex"]
    assert sorted(listed) == sorted(expected)
    assert PUBLISHED_SITEURL + "/ateliers/comparatif/" in listed
    assert PUBLISHED_SITEURL + "/404.html" not in listed
    assert len(listed) == len(set(listed))


def test_robots_txt_names_the_sitemap(published_site):
    robots = (published_site.root / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLISHED_SITEURL}/sitemap.xml" in robots.splitlines()
    assert "Disallow: /\n" not in robots


def test_the_home_page_says_who_publishes_the_site(published_site):
    [script] = published_site.soup("/").select('script[type="application/ld+json"]')
    organisation = json.loads(script.string)
    assert organisation["@type"] == "Organization"
    assert organisation["name"] == REGLAGES["ORGANISATION"]["name"]
    assert organisation["url"] == PUBLISHED_SITEURL + "/"
    # No value the organisation has not given (content/reglages.yml leaves it empty: None).
    for key, setting in {"email": "email", "telephone": "phone", "address": "address"}.items():
        assert (key in organisation) == bool(REGLAGES["ORGANISATION"].get(setting)), key
    assert None not in organisation.values()


@pytest.fixture(scope="module")
def with_email(tmp_path_factory):
    """The real site, once the organisation's address is known."""
    identity = {"name": "Rêver tout haut", "legal_form": "association", "email": "contact@exemple.fr",
                "phone": "+33123456789", "address": None, "registration": None, "publication_director": None}
    output = tmp_path_factory.mktemp("avec-courriel")
    return build_or_fail(CONTENT, output, settings="publishconf.py", env={"SITEURL": PUBLISHED_SITEURL},
                         options=("-e", f"ORGANISATION={json.dumps(identity)}"))


def test_once_known_the_email_is_in_the_json_ld(with_email):
    organisation = json.loads(with_email.soup("/").select_one('script[type="application/ld+json"]').string)
    assert organisation["email"] == "contact@exemple.fr"
    assert organisation["telephone"] == "+33123456789"


def test_each_offer_asks_for_a_proposal_about_itself(with_email):
    """The call to action leads to « Demander une proposition », the offer
    chosen; that page's form opens a mail to the organisation's address."""
    enquiry = with_email.soup("/demande/")
    assert enquiry.select_one("form.enquiry")["action"] == "mailto:contact@exemple.fr"
    for url, offer in published_offers().items():
        parts = urlsplit(with_email.soup(url).select_one("#contact a.button")["href"])
        slug = parse_qs(parts.query)["atelier"][0]
        assert parts.path == "/reve/demande/" and url.endswith(f"/{slug}/")
        option = enquiry.select_one(f'option[data-atelier="{slug}"]')
        assert option["value"] == as_shown(f"Demande de proposition — {offer['title']}")

"""Who stands behind the site, as French law asks: the legal notice, the
privacy and accessibility pages, linked from every footer; identity values
come from content/reglages.yml (plugins/reglages) and one not known is said to be missing, never
invented. The 404 page helps a visitor on."""

import json

import pytest

from conftest import REGLAGES, Site, as_shown, build_files, visible_text

TRUST_PAGES = {"/mentions-legales/": "Mentions légales", "/confidentialite/": "Confidentialité",
               "/accessibilite/": "Accessibilité"}


def test_every_footer_links_to_the_trust_pages(site):
    for url, soup in site.pages():
        footer = soup.select_one("footer")
        links = {a["href"]: visible_text(a) for a in footer.select("a")}
        assert {href: links.get(href) for href in TRUST_PAGES} == TRUST_PAGES, url


# The legal notice's rows: the publisher's and the host's (label -> key of ORGANISATION, HOST).
PUBLISHER = {"Nom": "name", "Forme juridique": "legal_form", "Adresse": "address",
             "Numéro d’immatriculation (RNA ou SIREN)": "registration",
             "Directeur ou directrice de la publication": "publication_director", "Courriel": "email"}
HOST = {"Nom": "name", "Adresse": "address", "Site": "website"}


def test_the_legal_notice_names_publisher_and_host(site):
    """Each value of the réglages as the page sets it; one not known yet
    is said to be missing, nothing invented."""
    main = site.soup("/mentions-legales/").main
    for section, rows, values in (("#editeur", PUBLISHER, REGLAGES["ORGANISATION"]),
                                  ("#hebergeur", HOST, REGLAGES["HOST"])):
        facts = {visible_text(dt): visible_text(dt.find_next_sibling("dd"))
                 for dt in main.select_one(section).find_parent("section").select("dt")}
        for label, key in rows.items():
            value = values.get(key)
            assert facts[label] == (as_shown(value, "dd") if value else "non renseigné pour l’instant"), label


def test_known_values_are_shown(tmp_path):
    identity = {**REGLAGES["ORGANISATION"], "address": "1 rue de l’Exemple, 75011 Paris", "registration": "W751234567"}
    result, output = build_files(tmp_path, {}, options=("-e", f"ORGANISATION={json.dumps(identity)}"))
    assert result.returncode == 0, output
    text = visible_text(Site(tmp_path / "output").soup("/mentions-legales/").main)
    assert "W751234567" in text and "75011 Paris" in text


@pytest.mark.parametrize(("url", "expected"), [
    ("/confidentialite/", ["ne dépose aucun cookie", "aucun outil de mesure", "adresse IP"]),
    ("/accessibilite/", ["n’a pas encore fait l’objet d’un audit complet", "axe-core", "WCAG 2.1", "écrivez-nous"]),
])
def test_privacy_and_accessibility_say_what_is_true(fixture_site, url, expected):
    """The pages as written for the fixture content (content/ may reword them)."""
    text = visible_text(fixture_site.soup(url).main)
    for words in expected:
        assert words in text, words


def test_the_404_page_helps_and_is_not_indexed(site):
    soup = site.soup("/404.html")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    links = {a["href"] for a in soup.main.select("a")}
    assert {"/ateliers/", "/ateliers/comparatif/", "/recherche/"} <= links

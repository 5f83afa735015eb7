"""Offers as structured content: every offer follows one schema, its page shows
every section with the front matter's values, and each mistake an editor can
make stops the build with the file, the line and the field."""

import json
import urllib.parse

import pytest
from bs4 import BeautifulSoup
from web_editor.layout import save_as_decap

from conftest import (
    CONTENT,
    FIXTURE_CONTENT,
    GOOD,
    PUBLISHED_SITEURL,
    REGLAGES,
    ROOT,
    as_shown,
    build_files,
    expected_url,
    front_matter,
    good_with,
    invoke,
    offer_text,
    pelican_build,
)
from conftest import visible_text as text
from core.document import key_lines, split_front_matter
from core.durations import format_duration, parse_duration
from core.export import expected_files
from core.prices import ON_QUOTE, format_amount, format_group_size, format_price
from core.problems import label_of
from core.scaffold import NEW_OFFER
from core.schemas import Offer
from core.schemas.offer import GroupSize, Price

# The published offers of content/ (a draft, such as `make new-offer` writes, has no page).
OFFER_FILES = [path for path in sorted(CONTENT.glob("ateliers/*.md"))
               if front_matter(path).get("status", "published") == "published"]
LABELS = {"per_session": "par séance", "per_group": "par groupe", "per_person": "par personne", "per_day": "par jour"}
SECTIONS = {"objectifs": "Objectifs", "pour-qui": "Pour qui", "methode": "Méthode",
            "modalites": "Déroulement et modalités", "tarif": "Tarif"}


def json_ld(soup):
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


# -- Plain functions -------------------------------------------------------

@pytest.mark.parametrize(
    ("written", "minutes"),
    [("1h30", 90), ("1 h 30", 90), ("2h", 120), ("2 h", 120), ("2 heures", 120), ("1h05", 65),
     ("45 min", 45), ("45 minutes", 45), ("90min", 90), ("1H30", 90), ("3h00", 180)],
)
def test_durations_are_read_in_minutes(written, minutes):
    assert parse_duration(written) == minutes


@pytest.mark.parametrize("written", ["une heure", "1h75", "h30", "", "0h", "1,5 h", "à définir avec l’équipe"])
def test_unreadable_durations_are_none(written):
    assert parse_duration(written) is None


@pytest.mark.parametrize(("minutes", "shown"),
                         [(90, "1\u00a0h\u00a030"), (120, "2\u00a0h"), (45, "45\u00a0min"), (65, "1\u00a0h\u00a005")])
def test_durations_are_shown_the_french_way(minutes, shown):
    assert format_duration(minutes) == shown


@pytest.mark.parametrize(("amount", "shown"), [(250, "250"), (250.0, "250"), (12.5, "12,50"), (1200, "1\u202f200")])
def test_amounts_are_written_the_french_way(amount, shown):
    assert format_amount(amount) == shown


def test_prices_name_their_unit_or_say_on_quote():
    assert format_price(Price(amount=250, currency="EUR", unit="per_session"), LABELS) == "250\u00a0€ par séance"
    assert format_price(Price(amount=80, currency="CHF", unit="per_person"), LABELS) == "80\u00a0CHF par personne"
    assert format_price(Price(on_quote=True), LABELS) == ON_QUOTE


@pytest.mark.parametrize(
    ("numbers", "shown"),
    [({"ideal": 8}, "8\u00a0personnes idéalement"), ({"min": 6, "max": 10}, "6 à 10\u00a0personnes"),
     ({"min": 6, "ideal": 8, "max": 10}, "6 à 10\u00a0personnes, idéalement 8"),
     ({"max": 12}, "jusqu’à 12\u00a0personnes"), ({"min": 4}, "au moins 4\u00a0personnes")],
)
def test_group_sizes_in_words(numbers, shown):
    assert format_group_size(GroupSize(**numbers)) == shown


def test_key_lines_give_the_line_an_editor_sees():
    lines = key_lines("title: T\nprice:\n  amount: 2\nobjectives:\n  - a\n  - b\n")
    assert lines[("title",)] == 2
    assert lines[("price", "amount")] == 4
    assert lines[("objectives", 1)] == 7


# -- The offers of content/ ------------------------------------------------

@pytest.mark.parametrize("path", OFFER_FILES, ids=lambda path: path.stem)
def test_every_offer_follows_the_schema(path):
    Offer.model_validate(front_matter(path))


@pytest.mark.parametrize("path", OFFER_FILES, ids=lambda path: path.stem)
def test_offer_page_has_every_section_with_its_content(site, path):
    meta = front_matter(path)
    soup = site.soup(expected_url(path))
    main = soup.select_one(".two-column__main")
    assert text(main.h1) == as_shown(meta["title"], "h1")
    assert text(main.select_one(".lede")) == as_shown(meta["summary"])
    for section, heading in SECTIONS.items():
        assert text(soup.select_one(f"section#{section} h2")) == as_shown(heading, "h2")
    assert [text(li) for li in soup.select("#objectifs > ul li")] == [as_shown(line) for line in meta["objectives"]]
    assert as_shown(meta["audience"]) in text(soup.select_one("#pour-qui"))
    assert as_shown(meta["method"]) in text(soup.select_one("#methode"))
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in soup.select("#modalites dt")}
    modalities = meta["modalities"]
    assert facts["Fréquence"] == as_shown(modalities["frequency"])
    assert facts["Format"] == as_shown(modalities["format"])
    assert facts["Engagement"] == as_shown(modalities["commitment"])
    minutes = parse_duration(modalities["duration"])
    assert facts["Durée d’une séance"] == as_shown(format_duration(minutes) if minutes else modalities["duration"])
    price = Price(**meta["price"])
    assert text(soup.select_one("#tarif p")).startswith(as_shown(format_price(price, LABELS)))


@pytest.mark.parametrize("path", OFFER_FILES, ids=lambda path: path.stem)
def test_key_facts_come_first_with_the_enquiry_button(site, path):
    meta = front_matter(path)
    head = site.soup(expected_url(path)).select_one(".two-column__main > .offer-head")
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in head.select(".key-facts dt")}
    assert set(facts) == {"Format", "Durée d’une séance", "Fréquence", "Groupe", "Tarif", "Pour qui"}
    assert facts["Fréquence"] == as_shown(meta["modalities"]["frequency"])
    assert facts["Format"] == as_shown(meta["modalities"]["format"])
    assert facts["Tarif"] == as_shown(format_price(Price(**meta["price"]), LABELS))
    assert facts["Pour qui"] == as_shown(meta["audience"])
    assert head.find_previous_sibling() is None  # before the long text
    assert len(head.select("a.enquiry-button")) == len(head.find_parent("main").select("a.enquiry-button")) == 1


def test_balint_figures_come_from_its_front_matter(fixture_site):
    """Seed 004's figures, shown the French way (fixture content)."""
    head = fixture_site.soup("/ateliers/analyse-des-pratiques-balint/").select_one(".key-facts")
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in head.select("dt")}
    assert {name: facts[name] for name in ("Durée d’une séance", "Fréquence", "Groupe", "Tarif")} == {
        "Durée d’une séance": "1\u00a0h\u00a030",
        "Fréquence": "une séance par mois",
        "Groupe": "8\u00a0personnes idéalement",
        "Tarif": "250\u00a0€ par séance",
    }


@pytest.mark.parametrize("path", OFFER_FILES, ids=lambda path: path.stem)
def test_offer_json_ld_is_a_service_with_its_price(published_site, path):
    meta = front_matter(path)
    data = json_ld(published_site.soup(expected_url(path)))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Service"
    assert data["name"] == meta["title"]
    assert data["description"] == meta["summary"]
    assert data["serviceType"] == meta["method"]
    assert data["url"] == PUBLISHED_SITEURL + expected_url(path)
    email = {"email": REGLAGES["ORGANISATION"]["email"]} if REGLAGES["ORGANISATION"].get("email") else {}
    assert data["provider"] == {"@type": "Organization", "name": REGLAGES["ORGANISATION"]["name"], "url": PUBLISHED_SITEURL + "/",
                                **email}
    assert data["audience"] == {"@type": "Audience", "audienceType": meta["audience"]}
    if meta["price"].get("on_quote"):
        assert "offers" not in data
    else:
        assert data["offers"]["@type"] == "Offer"
        assert data["offers"]["price"] == meta["price"]["amount"]
        assert data["offers"]["priceCurrency"] == meta["price"]["currency"]


def test_only_offer_pages_and_the_home_page_carry_json_ld(site):
    """An offer's Course; the home page's Organization (tests/test_seo.py)."""
    offer_urls = {expected_url(path) for path in OFFER_FILES}
    for path in site.html_files():
        url = site.url_of(path)
        scripts = site.soup(url).select('script[type="application/ld+json"]')
        assert len(scripts) == (1 if url in offer_urls or url == "/" else 0), url


@pytest.mark.parametrize("path", OFFER_FILES, ids=lambda path: path.stem)
def test_section_ids_are_stable_link_targets(site, path):
    soup = site.soup(expected_url(path))
    for section in [*SECTIONS, "contact"]:
        assert soup.select_one(f"section#{section}[aria-labelledby]"), section


# -- Citations -----------------------------------------------------------------

def citation_shape(figure):
    """The tags of a rendered citation, from the figure down."""
    return [figure.name, [child.name for child in figure.find_all(recursive=False)],
            bool(figure.figcaption.cite)]


@pytest.mark.parametrize("path", OFFER_FILES, ids=lambda path: path.stem)
def test_front_matter_citations_render_as_figures(site, path):
    meta = front_matter(path)
    figures = site.soup(expected_url(path)).select("figure.citation")
    assert len(figures) == len(meta.get("citations", []))
    for figure, citation in zip(figures, meta.get("citations", []), strict=True):
        assert text(figure.blockquote) == citation["text"]
        assert citation["author"] in text(figure.figcaption)
        assert text(figure.figcaption.cite) == citation["work"]


def test_both_citation_forms_render_the_same_way(fixture_site):
    from_markdown = fixture_site.soup("/ateliers/").select_one("figure.citation")
    from_front_matter = fixture_site.soup("/ateliers/groupe-echange-de-pratiques/").select_one("figure.citation")
    assert citation_shape(from_markdown) == citation_shape(from_front_matter) == ["figure", ["blockquote", "figcaption"], True]


# -- The call to action ------------------------------------------------------------

@pytest.mark.parametrize("email", [None, "contact@exemple.org"])
def test_the_call_to_action_asks_for_a_proposal_about_the_offer(tmp_path, email):
    """With or without an email, the button leads to the enquiry page with
    the offer chosen (tests/test_enquiry.py follows it in a browser)."""
    organisation = {"name": "Rêver tout haut", "legal_form": "association", "email": email}
    result = pelican_build(FIXTURE_CONTENT, tmp_path, options=("-e", f"ORGANISATION={json.dumps(organisation)}"))
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "ateliers" / "ecriture" / "index.html").read_text(encoding="utf-8"), "lxml")
    address = urllib.parse.urlsplit(soup.select_one("#contact a.button")["href"])
    assert (address.path, urllib.parse.parse_qs(address.query)) == ("/demande/", {"atelier": ["ecriture"]})
    enquiry = BeautifulSoup((tmp_path / "demande" / "index.html").read_text(encoding="utf-8"), "lxml")
    title = front_matter(FIXTURE_CONTENT / "ateliers" / "ecriture.md")["title"]
    assert enquiry.select_one('option[data-atelier="ecriture"]').get_text() == as_shown(title)
    assert (enquiry.select_one("form.enquiry").get("action") == f"mailto:{email}") if email else (
        "n’est pas encore publiée" in enquiry.select_one(".enquiry__no-address").get_text())


# -- Bad offers: one defect each ------------------------------------------------

def changed(**fields):
    """An offer file: GOOD with some fields replaced (see good_with)."""
    return offer_text(good_with(**fields))


def build_offers(tmp_path, options=(), **files):
    """Build a site made of the given offers (name -> text)."""
    return build_files(tmp_path, {f"ateliers/{name}.md": body for name, body in files.items()}, options)


BAD_OFFERS = {
    "yaml-casse": (offer_text().replace("title: Atelier d’essai", "title: Atelier : essai"),
                   "content/ateliers/essai.md, ligne 2 : l'en-tête YAML est mal formé"),
    "champ-inconnu": (offer_text().replace("method:", "couleur: bleu\nmethod:"),
                      "content/ateliers/essai.md, ligne 4, champ « couleur » : ce champ n’existe pas. "
                      "Champs possibles ici : title, slug, summary"),
    "champ-mal-ecrit": (offer_text().replace("audience:", "audiance:"),
                        "content/ateliers/essai.md, ligne 5, champ « audiance » : ce champ n’existe pas ; "
                        "vous vouliez dire « audience » ?"),
    "sous-champ-mal-ecrit": (offer_text().replace("frequency:", "frequence:"),
                             "champ « modalities.frequence » : ce champ n’existe pas ; vous vouliez dire « frequency » ?"),
    "prix-en-toutes-lettres": (changed(price__amount="trois cents euros"),
                               "content/ateliers/essai.md, ligne 17, champ « Montant (price.amount) » : "
                               "la valeur doit être un nombre"),
    "champ-obligatoire-absent": (changed(audience=None),
                                 "content/ateliers/essai.md, champ « Pour qui (audience) » : ce champ obligatoire manque. "
                                 "Ajoutez-le : les professionnels à qui l’atelier s’adresse."),
    "sous-champ-absent": (changed(modalities__format=None),
                          "content/ateliers/essai.md, ligne 8, champ « Format (modalities.format) » : "
                          "ce champ obligatoire manque"),
    "liste-vide": (changed(objectives=[]),
                   "content/ateliers/essai.md, ligne 6, champ « Objectifs (objectives) » : la liste est vide"),
    "champ-facultatif-vide": (offer_text().replace("method:", "facilitators:\nmethod:"),
                              "content/ateliers/essai.md, ligne 4, champ « Intervenants (facilitators) » : le champ est vide"),
    "duree-illisible": (changed(modalities__duration="une bonne heure"),
                        "champ « Durée d’une séance (modalities.duration) » : la durée « une bonne heure » n’est pas lisible"),
    "groupe-dans-le-desordre": (changed(modalities__group_size={"min": 10, "max": 6}),
                                "champ « Taille du groupe (modalities.group_size) » : les nombres doivent aller dans l’ordre"),
    "tarif-incomplet": (changed(price={"amount": 300}),
                        "champ « Tarif (price) » : il manque currency, unit"),
    "tarif-et-devis": (changed(price={"on_quote": True, "amount": 300, "currency": "EUR", "unit": "per_day"}),
                       "champ « Tarif (price) » : un tarif sur devis n’a pas de amount, currency, unit"),
    "devis-a-false": (changed(price={"on_quote": False}),
                      "champ « Sur devis (price.on_quote) » : la valeur doit être true. Attendu : « true » quand"),
    "unite-inconnue": (changed(price__unit="per_hour"),
                       "champ « Unité (price.unit) » : la valeur doit être per_session, per_group, per_person ou per_day"),
    "objectif-vide": (changed(objectives=["Prendre du recul.", ""]),
                      "ligne 8, champ « Objectifs (objectives) » (élément 2) : le texte est vide"),
    "resume-en-deux-phrases": (changed(summary="Une phrase. Puis une autre."),
                               "champ « Résumé (summary) » : le résumé doit tenir en une seule phrase"),
    "texte-du-modele": (changed(method="À compléter"),
                        "champ « Méthode (method) » : le texte « À compléter » du modèle est encore là"),
    "caractere-invisible": (changed(method="Groupe\x0bBalint"),
                            "champ « Méthode (method) » : le texte contient un caractère invisible (U+000B)"),
    "titre-en-liste": (changed(title=["Un", "titre"]),
                       "champ « Titre (title) » : la valeur doit être un texte"),
}


@pytest.mark.parametrize("case", BAD_OFFERS)
def test_a_bad_offer_fails_the_build_naming_file_and_field(tmp_path, case):
    body, message = BAD_OFFERS[case]
    result, output = build_offers(tmp_path, essai=body)
    assert result.returncode != 0
    assert message in output
    assert "Rien n'a été publié." in output
    assert not (tmp_path / "output").exists() or not list((tmp_path / "output").rglob("*.html"))


def test_a_duplicate_slug_names_both_files(tmp_path):
    result, output = build_offers(tmp_path, essai=offer_text(), copie=changed(slug="essai"))
    assert result.returncode != 0
    assert ("content/ateliers/copie.md, champ « Adresse (slug) » : content/ateliers/copie.md et content/ateliers/essai.md "
            "ont le même slug « essai »") in output


def test_every_problem_of_every_offer_is_in_one_report(tmp_path):
    result, output = build_offers(
        tmp_path,
        une=changed(audiance="x", objectives=[]),
        deux=changed(price__amount="cher", modalities__duration="longtemps"),
    )
    assert result.returncode != 0
    assert "La construction du site a échoué : 4 problèmes à corriger." in output
    for expected in ("content/ateliers/une.md, ligne 19, champ « audiance »",
                     "content/ateliers/une.md, ligne 6, champ « Objectifs (objectives) »",
                     "content/ateliers/deux.md, ligne 17, champ « Montant (price.amount) »",
                     "content/ateliers/deux.md, ligne 9, champ « Durée d’une séance (modalities.duration) »"):
        assert expected in output


def test_a_title_with_markup_is_shown_as_text(tmp_path):
    title = "Atelier <script>alert('x')</script> & « co » </p>"
    result, output = build_offers(tmp_path, essai=changed(title=title))
    assert result.returncode == 0, output
    page = (tmp_path / "output" / "ateliers" / "essai" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page and "&amp; «\u00a0co\u00a0»" in page
    soup = BeautifulSoup(page, "lxml")
    assert text(soup.h1) == as_shown(title, "h1")
    assert [script["type"] for script in soup.find_all("script")] == ["application/ld+json"]
    assert json_ld(soup)["name"] == title


def test_a_draft_offer_may_be_unfinished_and_is_not_published(tmp_path):
    result, output = build_offers(tmp_path, essai=offer_text(), brouillon=changed(status="draft", audience=None))
    assert result.returncode == 0, output
    assert (tmp_path / "output" / "ateliers" / "essai" / "index.html").is_file()
    assert not (tmp_path / "output" / "ateliers" / "brouillon").exists()


# -- Qualiopi ---------------------------------------------------------------------

QUALIOPI = ("-e", "OFFERS_QUALIOPI=true")


def test_qualiopi_requires_more_of_every_offer(tmp_path):
    result, output = build_offers(tmp_path, QUALIOPI, essai=offer_text())
    assert result.returncode != 0
    for field in ("prerequisites", "access_delay", "evaluation", "accessibility", "contact"):
        assert f"content/ateliers/essai.md, champ « {label_of(field)} ({field}) » : ce champ obligatoire manque" in output


def test_a_complete_qualiopi_offer_builds_and_shows_it_all(tmp_path):
    extra = {"prerequisites": "Aucun.", "access_delay": "Trois semaines après la demande.",
             "evaluation": "Un bilan oral en fin d’année.", "accessibility": "Salle accessible en fauteuil.",
             "contact": "Écrire à l’association."}
    result, output = build_offers(tmp_path, QUALIOPI, essai=offer_text({**GOOD, **extra}))
    assert result.returncode == 0, output
    page = BeautifulSoup((tmp_path / "output" / "ateliers" / "essai" / "index.html").read_text(encoding="utf-8"), "lxml")
    shown = text(page.select_one("main"))
    for value in extra.values():
        assert value in shown


def test_the_seed_offers_do_not_pretend_to_be_qualiopi_ready(tmp_path):
    """The seeds say nothing of access delays or accessibility: with the
    setting on, the build lists what the organisation must still write
    (fixture content: the seeds' offers)."""
    result = pelican_build(FIXTURE_CONTENT, tmp_path, options=QUALIOPI)
    assert result.returncode != 0
    for path in sorted(FIXTURE_CONTENT.glob("ateliers/*.md")):
        assert (f"content/ateliers/{path.name}, champ « Délai d’accès (access_delay) » : "
                "ce champ obligatoire manque") in result.stderr


# -- Schema export -----------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(expected_files(ROOT)))
def test_generated_files_match_the_schema(name):
    """Run `make schema` after changing core/schemas/offer.py."""
    assert (ROOT / name).read_text(encoding="utf-8") == expected_files(ROOT)[name], f"{name} : lancez « make schema »"


def test_json_schema_lists_every_field():
    schema = json.loads((ROOT / "schemas" / "offer.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]) == set(Offer.model_fields)
    assert set(schema["required"]) == {"title", "summary", "method", "audience", "objectives", "modalities", "price"}
    assert schema["additionalProperties"] is False
    qualiopi = json.loads((ROOT / "schemas" / "offer-qualiopi.schema.json").read_text(encoding="utf-8"))
    added = {"prerequisites", "access_delay", "evaluation", "accessibility", "contact"}
    assert set(qualiopi["required"]) - set(schema["required"]) == added


def test_guide_table_has_a_row_per_field():
    guide = (ROOT / "docs" / "guide-redaction.md").read_text(encoding="utf-8")
    for name in Offer.model_fields:
        assert f"| `{name}` |" in guide
    for name in ("modalities.duration", "price.amount", "citations.author"):
        assert f"| `{name}` |" in guide


# -- invoke new-offer -----------------------------------------------------------------

NEW_TITLE = "Supervision d’équipe : « le lien »"


def test_new_offer_writes_a_draft_in_the_editors_layout(content_copy, tmp_path):
    result = invoke("new-offer", NEW_TITLE, "--content", str(content_copy))
    assert result.returncode == 0, result.stderr
    path = content_copy / "ateliers" / "supervision-dequipe-le-lien.md"
    scaffold = path.read_text(encoding="utf-8")
    meta = front_matter(path)
    assert meta["title"] == NEW_TITLE
    assert meta["status"] == "draft"
    others = [other for other in (content_copy / "ateliers").glob("*.md") if other != path]
    assert meta["order"] == max(front_matter(other).get("order") or 0 for other in others) + 1
    # Every field the build requires, and the form's first values; no comment
    # (the web editor drops them: what each field means is in the guide).
    required = [name for name, field in Offer.model_fields.items() if field.is_required()]
    assert set(meta) == {*required, *NEW_OFFER, "slug", "order"}
    assert {name: meta[name] for name in NEW_OFFER} == NEW_OFFER
    assert "#" not in split_front_matter(scaffold, path.name)[0]
    # In the web editor's layout: saved again by Decap's serializer, the same bytes.
    save_as_decap([path], content_copy)
    assert path.read_text(encoding="utf-8") == scaffold

    # A draft builds and is not published; published, every placeholder left
    # is a problem, named at its line.
    built = pelican_build(content_copy, tmp_path / "draft")
    assert built.returncode == 0, built.stderr
    assert not (tmp_path / "draft" / "ateliers" / "supervision-dequipe-le-lien").exists()
    path.write_text(scaffold.replace("status: draft\n", ""), encoding="utf-8")
    published = pelican_build(content_copy, tmp_path / "published")
    assert published.returncode != 0
    line = next(number for number, row in enumerate(scaffold.splitlines(), start=1) if row.startswith("summary:"))
    assert (f"content/ateliers/supervision-dequipe-le-lien.md, ligne {line}, champ « Résumé (summary) » : "
            "le texte « À compléter » du modèle est encore là") in published.stderr
    assert "le texte de la page contient encore « À compléter »" in published.stderr


def test_new_offer_never_overwrites_a_file(content_copy):
    existing = sorted((content_copy / "ateliers").glob("*.md"))[0]
    before = existing.read_bytes()
    result = invoke("new-offer", existing.stem.replace("-", " ").capitalize(), "--content", str(content_copy))
    assert result.returncode != 0
    assert f"{existing.name} existe déjà" in result.stderr
    assert existing.read_bytes() == before

"""The réglages file (content/reglages.yml), checked against its schema
(core/schemas/reglages.py): a bad value is named with the file, its line
and the field as the form names it, in French; "" is a value not known yet.
The organisation's phone: every ordinary form becomes a tel: link the link
checker accepts; a form no link can be made from is refused at its line."""

import types

import pytest
from pelican.settings import read_settings
from reglages import UNNAMED, set_settings

from conftest import ROOT, build_files, pelican_build, write_content
from core.appearance import HEX, colour_problem
from core.organisation import read_identity, tel_uri
from core.schemas.reglages import Reglages
from site_checks.addresses import tel_problem

REGLAGES = "organisation:\n  name: Essai\n  phone: {phone}\nhost:\n  name: Hébergeur\n"
# The editor's layout: every key, "" where the value is not known yet.
LAYOUT = """organisation:
  name: Essai
  legal_form: association
  email: ""
  phone: ""
  address: ""
  registration: ""
  publication_director: ""
host:
  name: Hébergeur
  address: ""
  website: ""
appearance:
  colour: ""
  accent_colour: ""
  logo: ""
"""


def stopped_with(tmp_path, text):
    path = tmp_path / "reglages.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        read_identity(path, tmp_path)
    return str(stopped.value.code)


def test_an_empty_value_is_not_known_yet(tmp_path):
    path = tmp_path / "reglages.yml"
    path.write_text(LAYOUT.replace('email: ""', "email:  contact@exemple.fr "), encoding="utf-8")
    identity = read_identity(path, tmp_path)
    assert identity["ORGANISATION"]["email"] == "contact@exemple.fr"
    assert identity["ORGANISATION"]["phone"] is None and identity["HOST"]["website"] is None
    assert set(identity["APPEARANCE"].values()) == {None}


@pytest.mark.parametrize(("before", "after", "line", "field", "words"), [
    ('phone: ""', 'phone: "123"', 5, "Téléphone (organisation.phone)", "le site ne peut pas composer le numéro « 123 »"),
    ('phone: ""', "phone: 612345678", 5, "Téléphone (organisation.phone)", "entre guillemets pour garder ses zéros"),
    ('email: ""', "email: true", 4, "Courriel (organisation.email)", "la valeur doit être un texte"),
    ('email: ""', "email: [a, b]", 4, "Courriel (organisation.email)", "la valeur doit être un texte"),
    ('registration: ""', "registration: 2026-01-01", 7, "Numéro RNA (W…) ou SIREN (organisation.registration)",
     "la valeur doit être un texte"),
    ("name: Essai", "name: À compléter", 2, "Nom (organisation.name)", "le texte « À compléter » du modèle"),
    ("name: Essai", 'name: "Es\\x07sai"', 2, "Nom (organisation.name)", "caractère invisible (U+0007)"),
    ('website: ""', 'website: "https://a.fr\\nhttps://b.fr"', 12, "Site (host.website)", "tenir sur une ligne"),
    ('colour: ""', 'colour: "rouge"', 14, "Couleur principale (appearance.colour)",
     "la valeur « rouge » n’est pas une couleur"),
    ('accent_colour: ""', 'accent_colour: "#ffcc00"', 15, "Couleur d’accent (appearance.accent_colour)",
     "la couleur #ffcc00 est trop claire"),
    ('colour: ""', "colour: #1f5f5b", 14, "Couleur principale (appearance.colour)", "s’écrit entre guillemets"),
    ('logo: ""', "logo: images/logo.gif", 16, "Logo (appearance.logo)", "doit être un fichier SVG ou PNG"),
    ('logo: ""', "logo: images/absent.svg", 16, "Logo (appearance.logo)", "content/images/absent.svg n’existe pas"),
    ('email: ""', 'courriel: ""', 4, "organisation.courriel", "ce champ n’existe pas. Champs possibles ici : name,"),
    ('website: ""', 'websit: ""', 12, "host.websit", "ce champ n’existe pas ; vous vouliez dire « website » ?"),
    ("host:", "hote:", 9, "hote", "vous vouliez dire « host » ?"),
], ids=["phone", "unquoted-number", "boolean", "list", "date", "placeholder", "control", "two-lines", "colour-word",
        "too-light", "unquoted-colour", "logo-gif", "logo-absent", "unknown-key", "misspelt-key", "misspelt-section"])
def test_a_bad_value_is_named_with_its_file_line_and_form_label(tmp_path, before, after, line, field, words):
    assert before in LAYOUT
    message = stopped_with(tmp_path, LAYOUT.replace(before, after, 1))
    assert message.startswith(f"reglages.yml, ligne {line}, champ « {field} » : "), message
    assert words in message and "\n" not in message


def test_every_problem_of_the_file_is_said_at_once_in_the_files_order(tmp_path):
    text = LAYOUT.replace('phone: ""', 'phone: "123"').replace('colour: ""', 'colour: "rouge"', 1)
    lines = stopped_with(tmp_path, text).splitlines()
    assert [line.split(",")[1] for line in lines] == [" ligne 5", " ligne 14"]


@pytest.mark.parametrize(("written", "uri"), [
    ("01 23 45 67 89", "tel:+33123456789"),
    ("01.23.45.67.89", "tel:+33123456789"),
    ("0123456789", "tel:+33123456789"),
    ("06-12-34-56-78", "tel:+33612345678"),
    ("+33 1 23 45 67 89", "tel:+33123456789"),
    ("+33 (0)1 23 45 67 89", "tel:+330123456789"),
    ("+32 2 123 45 67", "tel:+3221234567"),
])
def test_a_number_as_people_write_it_becomes_a_valid_tel_link(written, uri):
    assert tel_uri(written) == uri
    assert tel_problem(uri) is None


# -- The build reads the réglages of the content folder it is given (plugins/reglages) ---------

NAMED = {"name": "Par la commande", "legal_form": None, "email": None, "phone": None, "address": None,
         "registration": None, "publication_director": None}


@pytest.mark.parametrize(
    ("written", "given", "name", "sitename"),
    [
        (LAYOUT, {}, "Essai", "Essai"),
        # Given with -e: the command line wins, and names the site.
        (LAYOUT, {"ORGANISATION": NAMED}, "Par la commande", "Par la commande"),
        (LAYOUT, {"SITENAME": "Choisi"}, "Essai", "Choisi"),
        (LAYOUT.replace("name: Essai", 'name: ""'), {}, None, UNNAMED),
    ],
)
def test_the_build_takes_the_reglages_of_its_content_folder_unless_given(tmp_path, written, given, name, sitename):
    (tmp_path / "reglages.yml").write_text(written, encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path), **given})
    set_settings(types.SimpleNamespace(settings=settings))
    assert (settings["ORGANISATION"]["name"], settings["SITENAME"]) == (name, sitename)
    assert settings["HOST"]["name"] == "Hébergeur" and settings["APPEARANCE_FOLDER"] == str(tmp_path)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("organisation:\n  name: [Asso\n", "content/reglages.yml, ligne 3 : le YAML n’est pas lisible"),
        (REGLAGES.format(phone='"123"'), "content/reglages.yml, ligne 3, champ « Téléphone (organisation.phone) » : "),
        (None, "content/reglages.yml : le fichier des réglages manque"),
    ],
)
def test_a_broken_reglages_file_stops_the_build_in_french_and_publishes_nothing(tmp_path, written, said):
    content = tmp_path / "content"
    write_content(content, {})
    if written is None:
        (content / "reglages.yml").unlink()
    else:
        (content / "reglages.yml").write_text(written, encoding="utf-8")
    result = pelican_build(content, tmp_path / "output")
    assert result.returncode == 1, result.stdout + result.stderr
    assert said in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not list((tmp_path / "output").rglob("*.html"))


@pytest.mark.parametrize("written", ["123", "01 23 45 67", "appelez-nous", "01 23 45 67 89 ou 06 12 34 56 78",
                                     "+1", "javascript:alert(1)"])
def test_a_number_no_link_can_be_made_from_is_named_at_its_line(tmp_path, written):
    path = tmp_path / "reglages.yml"
    path.write_text(REGLAGES.format(phone=f'"{written}"'), encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        read_identity(path, tmp_path)
    message = str(stopped.value)
    assert message.startswith("reglages.yml, ligne 3, champ « Téléphone (organisation.phone) » : "), message
    assert f"« {written} »" in message and "01 23 45 67 89" in message


def test_a_french_number_filled_in_publishes_a_contact_page_that_dials_it(tmp_path):
    result, said = build_files(tmp_path, {}, options=(
        "-e", 'ORGANISATION={"name": "Essai", "legal_form": null, "email": null, "phone": "01 23 45 67 89", '
              '"address": null, "registration": null, "publication_director": null}'))
    assert result.returncode == 0, said
    page = (tmp_path / "output" / "contact" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+33123456789"' in page


def test_every_colour_the_form_gives_as_an_example_is_accepted():
    """The form's hints (the schema's descriptions) show colours to copy:
    each one must pass the contrast the build asks."""
    examples = [(section, key, colour) for section, field in Reglages.model_fields.items()
                for key, inner in field.annotation.model_fields.items()
                for colour in HEX.findall(inner.description or "")]
    assert {key for _, key, _ in examples} >= {"colour", "accent_colour"}
    assert [(key, colour, colour_problem(colour)) for _, key, colour in examples if colour_problem(colour)] == []

"""YAML front matter: read as Jekyll does, and every mistake stops the build
with the file, the line and what to do, in French."""

import datetime
import re

import pytest

from conftest import build_files
from core.document import FrontMatterError, parse_front_matter, split_front_matter
from core.limits import MAX_DEPTH, LimitError, check_characters, check_nesting

GOOD_PAGE = "---\ntitle: Une page correcte\nsummary: Une phrase.\n---\n\nDu texte.\n"


def build(tmp_path, options=(), **files):
    """Build a small site made of `files` (pages__name -> text) next to a correct page."""
    named = {f"{name.replace('__', '/')}.md": text for name, text in files.items()}
    return build_files(tmp_path, {"pages/correcte.md": GOOD_PAGE, **named}, options)


# -- The plain functions ---------------------------------------------------

def test_split_returns_yaml_and_body():
    yaml_text, body = split_front_matter("---\ntitle: T\n---\n# Corps\n", "x.md")
    assert yaml_text == "title: T\n"
    assert body == "# Corps\n"


def test_split_ignores_a_byte_order_mark():
    assert split_front_matter("\ufeff---\ntitle: T\n---\n", "x.md")[0] == "title: T\n"


def test_yaml_values_keep_their_types():
    data = parse_front_matter("date: 2026-11-21\norder: 2\ntags: [a, b]\nprice:\n  amount: 250\n", "x.md")
    assert data == {"date": datetime.date(2026, 11, 21), "order": 2, "tags": ["a", "b"], "price": {"amount": 250}}


@pytest.mark.parametrize(
    ("yaml_text", "line"),
    [
        ("title: Bien\nsummary: [pas fermé\n", 3),  # where the bracket opened
        ("title: Bien\n  summary: mal indenté\n", 3),
        ("title: Bien\nsummary: a: b\n", 3),
    ],
)
def test_yaml_error_names_the_file_line(yaml_text, line):
    with pytest.raises(FrontMatterError, match=rf"^x\.md, ligne {line} : l'en-tête YAML est mal formé"):
        parse_front_matter(yaml_text, "x.md")


def test_a_key_written_twice_is_refused():
    message = r"^x\.md, ligne 4 : le champ « title » est écrit deux fois \(déjà à la ligne 2\)\. Gardez-en un seul\.$"
    with pytest.raises(FrontMatterError, match=message):
        parse_front_matter("title: Un\nsummary: s\ntitle: Deux\n", "x.md")


# What an editor may type stays; what no editor sees is refused (C0 but tab
# and line breaks, DEL, C1: U+0092 is a Windows-1252 apostrophe read as
# Latin-1, U+0085 a line break to Python alone).
CHARACTERS = {
    "tab": ("\t", None), "line-feed": ("\n", None), "carriage-return": ("\r", None),
    "no-break-space": ("\u00a0", None), "narrow-no-break-space": ("\u202f", None), "apostrophe": ("’", None),
    "nul": ("\x00", "U+0000"), "vertical-tab": ("\x0b", "U+000B"), "escape": ("\x1b", "U+001B"),
    "delete": ("\x7f", "U+007F"), "c1-first": ("\x80", "U+0080"), "next-line": ("\x85", "U+0085"),
    "windows-apostrophe": ("\x92", "U+0092"), "c1-last": ("\x9f", "U+009F"),
}


@pytest.mark.parametrize("case", CHARACTERS)
def test_control_characters_are_refused_with_their_line(case):
    character, refused = CHARACTERS[case]
    text = f"Premier paragraphe.\n\nAvec un {character} ici.\n"
    if refused is None:
        check_characters(text, first_line=5)
        return
    with pytest.raises(LimitError, match=re.escape(f"caractère invisible interdit ({refused})")) as raised:
        check_characters(text, first_line=5)
    assert raised.value.line == 7


def nested(levels, first=0):
    """A list nested `levels` deep, each item one level under the one before."""
    return "".join("    " * level + "- x\n" for level in range(first, levels))


# A body's levels, as limits.check_nesting counts them: lists (by their
# indentation), quotes `>` and HTML elements; code (core/source.py's fences
# and spans) does not count. name: (body, its line refused, or None).
NESTING = {
    "liste au plus juste": (nested(MAX_DEPTH), None),
    "liste d’un niveau de trop": (nested(MAX_DEPTH + 1), MAX_DEPTH + 1),
    "liste de six cents niveaux": (nested(600), MAX_DEPTH + 1),
    "liste décalée par des tabulations": ("".join("\t" * level + "- x\n" for level in range(600)), MAX_DEPTH + 1),
    "liste sur une seule ligne": ("Texte.\n\n" + "- " * (MAX_DEPTH + 1) + "x\n", 3),
    "citations": ("Il a dit :\n\n" + ">" * (MAX_DEPTH + 1) + " non.\n", 3),
    "une citation de plus à chaque ligne": ("".join(">" * level + " x\n" for level in range(1, 600)), MAX_DEPTH + 1),
    "liste dans une citation": ("".join("> " + "    " * level + "- x\n" for level in range(600)), MAX_DEPTH),
    "une longue citation, une liste dedans": ("> Citation :\n>\n" + "> - point\n>     - détail\n" * 200, None),
    "balises": ("<div>" * MAX_DEPTH + "\n<section>Texte.</section>\n" + "</div>" * MAX_DEPTH + "\n", 2),
    "balises fermées": ("<div><div><p>Texte.</p></div></div>\n" * 100, None),
    "balises qui se ferment seules (<li>, <td>)": ("<ul>\n" + "<li>un\n" * 100 + "</ul>\n<table>\n"
                                                    + "<tr><td>1<td>2\n" * 100 + "</table>\n", None),
    "règle horizontale": ("* " * 100 + "\n", None),
    "bloc de code clôturé": ("```yaml\n" + nested(600) + "```\n", None),
    "bloc de code, puis une liste trop profonde": ("~~~\n" + nested(600) + "~~~\n\n" + nested(MAX_DEPTH + 1),
                                                   603 + MAX_DEPTH + 1),
    "code indenté, sous un paragraphe": ("Exemple :\n\n" + nested(600, first=1), None),
    "balises en code": ("Écrivez `" + "<div>" * 100 + "`.\n", None),
    "balises en commentaire": ("<!--\n" + "<div>" * 100 + "\n-->\n", None),
}


@pytest.mark.parametrize("case", NESTING)
def test_a_body_nested_too_deep_is_refused_at_its_first_line_beyond(case):
    text, refused = NESTING[case]
    if refused is None:
        check_nesting(text, first_line=5)
        return
    with pytest.raises(LimitError, match=f"^le texte est imbriqué sur plus de {MAX_DEPTH} niveaux .*"
                                         f"ramenez-le à {MAX_DEPTH} niveaux au plus") as raised:
        check_nesting(text, first_line=5)
    assert raised.value.line == refused + 4  # the text starts on the file's fifth line


def test_front_matter_must_be_fields():
    with pytest.raises(FrontMatterError, match="liste de champs"):
        parse_front_matter("- une\n- liste\n", "x.md")


# -- Whole builds ------------------------------------------------------------

def test_a_correct_site_builds(tmp_path):
    result, output = build(tmp_path)
    assert result.returncode == 0, output
    assert (tmp_path / "output" / "correcte" / "index.html").is_file()


BAD_INPUTS = {
    "yaml-mal-forme": ("pages/casse", "---\ntitle: Cassée\nsummary: [oups\n---\nTexte\n", (),
                       "content/pages/casse.md, ligne 3 : l'en-tête YAML est mal formé"),
    "mode-silencieux": ("pages/casse", "---\ntitle: [\n---\n", ("-q",),
                        "content/pages/casse.md, ligne 3 : l'en-tête YAML est mal formé"),
    "caractere-invisible": ("pages/colle", "---\ntitle: Collé\nsummary: Un\x0btexte\n---\nTexte\n", (),
                            "content/pages/colle.md, ligne 3 : l'en-tête contient un caractère invisible interdit (U+000B)"),
    "sans-en-tete": ("pages/nue", "# Une page sans en-tête\n", (),
                     "content/pages/nue.md, ligne 1 : l'en-tête YAML manque"),
    "en-tete-ouvert": ("pages/ouverte", "---\ntitle: Ouverte\n\nDu texte.\n", (),
                       "content/pages/ouverte.md, ligne 1 : l'en-tête YAML ouvert ici par « --- » n'est pas fermé"),
    "sans-titre": ("pages/sans_titre", "---\nsummary: Pas de titre.\n---\nTexte\n", (),
                   "content/pages/sans_titre.md, ligne 1, champ « Titre (title) » : ce fichier est ignoré : ce champ manque"),
    "mise-en-page-inconnue": ("pages/jekyll", "---\nlayout: post-large\ntitle: Jekyll\n---\nTexte\n", (),
                              "la mise en page « post-large » (champ layout) n'existe pas dans le thème. "
                              "Mises en page disponibles : 404, article, base"),
    "lien-vers-une-page-absente": ("pages/liens", "---\ntitle: Liens\n---\n[perdu]({filename}/pages/absente.md)\n", (),
                                   "content/pages/liens.md : le lien « /pages/absente.md » ne mène à aucun fichier"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_fails_the_build_with_its_message(tmp_path, case):
    name, text, options, message = BAD_INPUTS[case]
    result, output = build(tmp_path, options=options, **{name.replace("/", "__"): text})
    assert result.returncode != 0
    assert message in output
    assert "La construction du site a échoué : 1 problème à corriger." in output


def test_nothing_is_written_when_content_is_broken(tmp_path):
    result, _ = build(tmp_path, pages__casse="---\ntitle: [\n---\n")
    assert result.returncode != 0
    assert not list((tmp_path / "output").rglob("*.html"))


def test_every_broken_file_is_in_one_report(tmp_path):
    result, output = build(
        tmp_path,
        pages__une="---\ntitle: Une: deux\n---\n",
        ateliers__deux="---\ntitle: Deux\ntitle: Encore\n---\n",
    )
    assert result.returncode != 0
    assert "2 problèmes à corriger" in output
    assert "content/pages/une.md, ligne 2" in output
    assert "content/ateliers/deux.md, ligne 3" in output


def test_jekyll_layout_selects_the_template(tmp_path):
    result, output = build(tmp_path, pages__jekyll="---\nlayout: two-column\ntitle: Jekyll\n---\nTexte\n")
    assert result.returncode == 0, output
    assert "two-column" in (tmp_path / "output" / "jekyll" / "index.html").read_text(encoding="utf-8")


def test_title_is_escaped(tmp_path):
    result, output = build(tmp_path, pages__titre="---\ntitle: \"<script>alert(1)</script> & cie\"\n---\nTexte\n")
    assert result.returncode == 0, output
    html = (tmp_path / "output" / "titre" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; cie" in html

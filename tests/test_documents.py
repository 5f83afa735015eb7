"""Pages and articles checked against their schema (plugins/documents), and
no file of content/ left unread in silence (issue 20).

Values are tested on small front matters; the real content/ only for a
property: every one of its files is read and passes its schema.
"""

import pytest
from pydantic import ValidationError

from conftest import ROOT
from core.document import FrontMatterError, key_lines, parse_front_matter, read_front_matter
from core.messages import explain_all
from core.problems import describe
from core.schemas import Article, Page
from documents import unread_files
from documents.unread import advice

CONTENT = ROOT / "content"
SETTINGS = {"PAGE_PATHS": ["pages", "ateliers"], "ARTICLE_PATHS": ["ressources"], "STATIC_PATHS": [],
            "DOCUMENTS_OTHER_FILES": ["images", "reglages.yml"], "IGNORE_FILES": ["**/.*"]}
EXTENSIONS = {"md", "markdown", "mkd", "mdown", "html", "htm"}


def problems(model, yaml_text):
    """The French report lines for a front matter checked against `model`."""
    data = parse_front_matter(yaml_text, "x.md")
    try:
        model.model_validate(data)
    except ValidationError as error:
        return explain_all(error.errors(), model, "content/pages/x.md", key_lines(yaml_text))
    return []


@pytest.mark.parametrize(("model", "yaml_text", "expected"), [
    (Page, "title: Essai\nsumary: Une phrase.\n", ["content/pages/x.md, ligne 3, champ « sumary » : ce champ n’existe pas ; "
                                                   "vous vouliez dire « summary » ? Corrigez son nom."]),
    (Page, "title: Essai\ntempalte: home\n", ["ligne 3, champ « tempalte »", "« template » ?"]),
    (Page, "title: Essai\nsummary: Une. Deux phrases.\n", ["ligne 3, champ « Résumé (summary) »", "une seule phrase"]),
    (Page, "title: Essai\nimage: photo.jpg\n", ["ligne 3, champ « Image de partage (image) »", "indentés de deux espaces"]),
    (Page, "summary: Une phrase.\n", ["champ « Titre (title) » : ce champ obligatoire manque"]),
    (Article, "title: Sans date\n", ["champ « Date (date) » : ce champ obligatoire manque", "2026-11-05"]),
    (Article, "title: Note\ndate: 2026-11-05\nvu: oui\n", ["ligne 4, champ « vu » : ce champ n’existe pas. Champs possibles ici",
                                                          "ajoutez une ligne « --- » après le dernier champ"]),
])
def test_a_bad_page_or_article_is_told_in_french_with_its_line(model, yaml_text, expected):
    said = "\n".join(map(describe, problems(model, yaml_text)))
    assert all(words in said for words in expected), said
    assert "Traceback" not in said and "Field required" not in said


def test_every_problem_of_a_file_is_said_at_once():
    said = problems(Page, "title: Essai\nsumary: Une phrase.\ntempalte: home\nlayuot: page\n")
    assert [problem.line for problem in said] == [3, 4, 5]
    assert [problem.key for problem in said] == ["sumary", "tempalte", "layuot"]


@pytest.mark.parametrize(("yaml_text", "words"), [
    ("title: Essai\nsummary: .inf\n", "ligne 3 : le champ « summary » vaut « inf »"),
    ("title: Essai\nprice:\n  amount: -.Inf\n", "ligne 4 : le champ « price.amount » vaut « -inf »"),
    ("title: Essai\nnotes: [1, .nan]\n", "n’est pas un vrai nombre"),
])
def test_a_number_that_is_not_finite_is_refused_with_its_line(tmp_path, yaml_text, words):
    path = tmp_path / "x.md"
    path.write_text(f"---\n{yaml_text}---\n\nTexte.\n", encoding="utf-8")
    with pytest.raises(FrontMatterError, match="vrai nombre") as refused:
        _read_as_the_build_does(path)
    assert words in str(refused.value)


def _read_as_the_build_does(path):
    from pelican.settings import DEFAULT_CONFIG

    from yaml_front_matter import YamlMarkdownReader

    return YamlMarkdownReader({**DEFAULT_CONFIG, "PATH": str(path.parent)}).read(str(path))


@pytest.mark.parametrize(("name", "words"), [
    ("pages/maj.MD", "renommez-le « maj.md »"),
    ("pages/note.md.txt", "renommez-le « note.md »"),
    ("ressources/lu.markdown.txt", "renommez-le « lu.markdown »"),
    ("divers/perdu.md", "déplacez-le"),
    ("pages/tableur.xlsx", "ce type de fichier n’est pas lu"),
])
def test_a_file_no_reader_takes_is_named_with_the_fix(tmp_path, name, words):
    for path in (name, "pages/lue.md", "images/photo.jpg", "reglages.yml", "pages/.cache"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    unread = unread_files(tmp_path, EXTENSIONS, SETTINGS)
    assert [str(path) for path in unread] == [name]
    assert words in advice(unread[0], EXTENSIONS, SETTINGS)


def _documents():
    """Every page and article of the real content/, with its schema."""
    pages = [(path, Page) for path in sorted((CONTENT / "pages").glob("*.md"))]
    return pages + [(path, Article) for path in sorted((CONTENT / "ressources").glob("*.md"))]


@pytest.mark.parametrize(("path", "model"), _documents(), ids=lambda value: getattr(value, "name", ""))
def test_every_page_and_article_of_the_content_passes_its_schema(path, model):
    data = read_front_matter(path, str(path.relative_to(ROOT)))
    model.model_validate(data)


def test_every_file_of_the_content_is_read():
    import pelicanconf

    settings = {**SETTINGS, "PAGE_PATHS": pelicanconf.PAGE_PATHS, "ARTICLE_PATHS": pelicanconf.ARTICLE_PATHS,
                "STATIC_PATHS": pelicanconf.STATIC_PATHS}
    assert unread_files(CONTENT, EXTENSIONS, settings) == []
    assert _documents(), "no page nor article found in content/"

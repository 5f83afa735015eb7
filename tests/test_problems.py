"""Problems as objects (core/problems.py) and the reports made from them
(core/report.py): the terminal's French text, the JSON the build writes,
GitHub's annotations and summary, the preview's page. End to end, a small
site with two mistakes: the JSON names both, and GitHub's annotations come
from it, not from the text."""

import errno
import json

import pytest
from bs4 import BeautifulSoup

from conftest import invoke, offer_text, pelican_build, write_content
from core.crash import unwritable
from core.problems import Problem, describe, label_of
from core.report import (
    annotation,
    from_json,
    html_fragment,
    problems_file,
    read_json,
    summary,
    terminal,
    to_json,
)

FILE = "content/ateliers/x.md"

DESCRIBED = {
    "everything": (Problem("le résumé doit tenir en une seule phrase", FILE, 5, "summary", "Résumé",
                           fix="coupez-le après la première phrase."),
                   "content/ateliers/x.md, ligne 5, champ « Résumé (summary) » : le résumé doit tenir en une seule "
                   "phrase. Coupez-le après la première phrase."),
    "unknown key, a question": (Problem("ce champ n’existe pas ; vous vouliez dire « audience » ?", FILE, 5, "audiance",
                                        fix="corrigez son nom."),
                                "content/ateliers/x.md, ligne 5, champ « audiance » : ce champ n’existe pas ; "
                                "vous vouliez dire « audience » ? Corrigez son nom."),
    "no line": (Problem("ce champ obligatoire manque", FILE, None, "audience", "Pour qui"),
                "content/ateliers/x.md, champ « Pour qui (audience) » : ce champ obligatoire manque."),
    "list item": (Problem("le texte est vide", FILE, 8, "objectives", "Objectifs", item=2),
                  "content/ateliers/x.md, ligne 8, champ « Objectifs (objectives) » (élément 2) : le texte est vide."),
    "file only": (Problem("ce fichier ne sera pas publié", "content/x.MD", fix="renommez-le « x.md »"),
                  "content/x.MD : ce fichier ne sera pas publié. Renommez-le « x.md »."),
    "nowhere": (Problem("l'index de recherche n'a pas pu être construit."),
                "l'index de recherche n'a pas pu être construit."),
}


@pytest.mark.parametrize("case", DESCRIBED)
def test_a_problem_is_one_french_line(case):
    problem, expected = DESCRIBED[case]
    assert describe(problem) == expected
    assert str(problem) == expected  # as a log record shows it


@pytest.mark.parametrize(("key", "label"), [
    ("summary", "Résumé"),
    ("price.amount", "Montant"),
    ("modalities.group_size.min", "Minimum"),
    ("organisation.email", "Courriel"),
    ("audiance", None),
    (None, None),
])
def test_the_label_is_the_web_forms(key, label):
    assert label_of(key) == label


def test_a_severity_is_error_or_warning():
    with pytest.raises(ValueError):
        Problem("x", severity="fatal")


@pytest.mark.parametrize("case", DESCRIBED)
def test_json_gives_back_the_same_problems(case, tmp_path):
    problem, _ = DESCRIBED[case]
    warning = Problem("n'est pas renseigné", "content/reglages.yml", 7, "organisation.email", "Courriel",
                      severity="warning")
    assert from_json(to_json([problem, warning])) == [problem, warning]
    listed = json.loads(to_json([problem]))
    assert set(listed[0]) == {"file", "line", "key", "label", "message", "fix", "severity", "item"}


def test_a_build_that_wrote_no_json_has_none(tmp_path):
    assert read_json(tmp_path / "absent.json") is None
    (tmp_path / "coupe.json").write_text('[{"message": "x"', encoding="utf-8")
    assert read_json(tmp_path / "coupe.json") is None
    assert problems_file(tmp_path / "output") == tmp_path / "output.problemes.json"


def test_the_terminal_report_numbers_the_problems_and_indents_their_reasons():
    problems = [Problem("ce fichier n'a pas pu être lu :\ncontent/pages/a.md, ligne 3 : l'en-tête est mal formé",
                        "content/pages/a.md"), DESCRIBED["everything"][0]]
    assert terminal(problems).splitlines() == [
        "La construction du site a échoué : 2 problèmes à corriger.",
        "  1. content/pages/a.md : ce fichier n'a pas pu être lu :",
        "     content/pages/a.md, ligne 3 : l'en-tête est mal formé.",
        f"  2. {DESCRIBED['everything'][1]}",
        "Rien n'a été publié. Corrigez ces points puis relancez la construction.",
    ]


@pytest.mark.parametrize(("problem", "expected"), [
    (Problem("100 % faux", "content/a,b.md", 3),
     "::error file=content/a%2Cb.md,line=3,title=Site %3A à corriger::content/a,b.md, ligne 3 : 100 %25 faux."),
    (Problem("a\r\nb", "content/x:y.md"),
     "::error file=content/x%3Ay.md,title=Site %3A à corriger::content/x:y.md : a%0D%0Ab."),
    (Problem("vide", severity="warning"), "::warning title=Site %3A à compléter::vide."),
    (Problem("x\n::error::injecté", "content/a.md", 1),
     "::error file=content/a.md,line=1,title=Site %3A à corriger::content/a.md, ligne 1 : x%0A::error::injecté."),
])
def test_a_github_annotation_is_escaped(problem, expected):
    assert annotation(problem) == expected
    assert "\n" not in annotation(problem) and "\r" not in annotation(problem)


def test_the_summary_has_a_row_per_problem_with_its_field():
    problems = [DESCRIBED["everything"][0], Problem("a | b", severity="warning")]
    written = summary(problems)
    assert "## ❌ Vérification du site : 1 problème à corriger" in written
    assert "| `content/ateliers/x.md`, ligne 5 | « Résumé (summary) » | le résumé doit tenir" in written
    assert "| site construit |  | a \\| b. |" in written


HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> & « fin »'


def test_the_preview_fragment_escapes_what_editors_wrote():
    problem = Problem(HOSTILE, f"content/{HOSTILE}.md", 4, "summary", "Résumé", fix=HOSTILE)
    fragment = html_fragment([problem])
    soup = BeautifulSoup(fragment, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    item = soup.select_one("#problemes li")
    assert item.select_one(".fichier").get_text() == f"content/{HOSTILE}.md"
    assert item.select_one(".ligne").get_text() == "ligne 4"
    assert item.select_one(".champ").get_text() == "champ « Résumé (summary) »"
    assert item.select_one(".quoi").get_text() == f"{HOSTILE}."
    assert item.select_one(".remede").get_text() == f"{HOSTILE}."


# -- End to end ---------------------------------------------------------------------

TWO_MISTAKES = {
    "ateliers/essai.md": offer_text().replace("audience:", "audiance:"),
    "pages/notes.md": "---\ntitle: Notes\nsummary: Une phrase. Puis une autre.\n---\n\nTexte.\n",
}


def mistakes_site(tmp_path):
    write_content(tmp_path / "content", TWO_MISTAKES)
    return tmp_path / "content"


def line_of(tmp_path, name, start):
    lines = (tmp_path / "content" / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def test_a_build_with_two_mistakes_writes_both_as_json(tmp_path):
    content = mistakes_site(tmp_path)
    problems = tmp_path / "problemes.json"
    result = pelican_build(content, tmp_path / "output", options=("-e", f"PROBLEMS_FILE={json.dumps(str(problems))}"))
    assert result.returncode == 1
    assert "La construction du site a échoué : 2 problèmes à corriger." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    written = {problem.file: problem for problem in read_json(problems)}
    assert set(written) == {"content/ateliers/essai.md", "content/pages/notes.md"}
    offer, page = written["content/ateliers/essai.md"], written["content/pages/notes.md"]
    assert (offer.line, offer.key, offer.label) == (line_of(tmp_path, "ateliers/essai.md", "audiance:"), "audiance", None)
    assert "« audience »" in offer.message
    assert (page.line, page.key, page.label) == (3, "summary", "Résumé")
    for problem in (offer, page):
        assert describe(problem) in result.stderr  # the terminal says what the JSON holds


def test_make_check_annotates_github_from_the_json(tmp_path):
    content = mistakes_site(tmp_path)
    summary_file = tmp_path / "resume.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary_file)}
    result = invoke("check", "--content", content, "--output", tmp_path / "output", env=env)
    assert result.returncode == 1
    problems = read_json(tmp_path / "output.problemes.json")
    assert len(problems) == 2
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotations == [annotation(problem) for problem in problems]
    assert "file=content/pages/notes.md,line=3," in "\n".join(annotations)
    assert "| « Résumé (summary) » |" in summary_file.read_text(encoding="utf-8")
    assert not (tmp_path / "output").exists()


def test_a_template_no_theme_has_names_the_file_its_line_and_the_templates(tmp_path):
    write_content(tmp_path / "content", {"pages/x.md": "---\ntitle: X\ntemplate: ../templates/base\n---\n\nTexte.\n"})
    problems = tmp_path / "problemes.json"
    result = pelican_build(tmp_path / "content", tmp_path / "output",
                           options=("-e", f"PROBLEMS_FILE={json.dumps(str(problems))}"))
    assert result.returncode == 1
    [problem] = read_json(problems)
    assert (problem.file, problem.line, problem.key) == ("content/pages/x.md", 3, "template")
    assert "« ../templates/base »" in problem.message
    assert "templates/../templates" not in result.stderr
    assert all(name in problem.fix for name in ("page", "home", "contact"))
    assert describe(problem) in result.stderr


def test_an_output_folder_that_cannot_be_written_is_one_french_problem(tmp_path):
    """A parent where nothing can be written (here, under a file)."""
    write_content(tmp_path / "content", {})
    (tmp_path / "fichier").write_text("pas un dossier", encoding="utf-8")
    result = invoke("build", "--content", tmp_path / "content", "--output", tmp_path / "fichier" / "output")
    said = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in said and "Error" not in said, said
    assert "La construction ne peut pas commencer : le site ne peut pas être écrit dans" in said


@pytest.mark.parametrize(("error", "words"), [
    (PermissionError(errno.EACCES, "Permission denied", "/srv/site"), "vous n’avez pas le droit d’y écrire"),
    (OSError(errno.EROFS, "Read-only file system", "/srv/site"), "il est en lecture seule"),
    (FileExistsError(errno.EEXIST, "File exists", "/srv/site"), "un fichier porte déjà ce nom"),
    (OSError(errno.ENOSPC, "No space left on device", "/srv/site"), "le disque est plein"),
])
def test_an_unwritable_output_is_said_in_french(error, words):
    problem = unwritable(error)
    assert describe(problem) == (f"le site ne peut pas être écrit dans « /srv/site » : {words}. Choisissez un autre "
                                 "dossier de sortie (option -o ou --output), ou donnez le droit d’y écrire.")


def test_the_preview_page_lists_each_problem_with_its_place_and_fix(tmp_path):
    from live_preview import Preview

    preview = Preview(tmp_path)
    preview.report = [DESCRIBED["everything"][0], Problem(HOSTILE, "content/pages/a.md", 2)]
    soup = BeautifulSoup(preview.report_page().decode("utf-8"), "html.parser")
    report = soup.select_one("#rapport")
    assert "La construction du site a échoué : 2 problèmes à corriger." in report.get_text()
    first, second = report.select("#problemes li")
    assert first.select_one(".champ").get_text() == "champ « Résumé (summary) »"
    assert first.select_one(".quoi").get_text() == "Le résumé doit tenir en une seule phrase."
    assert first.select_one(".remede").get_text() == "Coupez-le après la première phrase."
    assert second.select_one(".quoi").get_text() == f"{HOSTILE}." and soup.find("img") is None
    preview.report = "Les réglages ne se lisent pas."  # a build that stopped before listing its problems
    shown = BeautifulSoup(preview.report_page(), "html.parser").select_one("#rapport").get_text()
    assert "Les réglages ne se lisent pas." in shown

"""`make check` under GitHub Actions: each problem as an annotation on its
file and line (workflow commands), and a French summary of the run: the
problems, then the pages added, changed and removed since the published site."""


import pytest

from conftest import invoke, pelican_build
from site_checks.github import (
    Finding,
    command,
    compare_sites,
    escape_data,
    escape_property,
    place_of,
    publish_report,
    report_items,
    summary,
)


def check_on_github(content, tmp_path, **env):
    """`invoke check` as the workflow runs it (GITHUB_ACTIONS=true)."""
    environment = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp_path / "resume.md"), **env}
    return invoke("check", "--content", content, "--output", tmp_path / "output", env=environment)


def test_a_misspelt_field_is_annotated_on_its_line_and_summarised(content_copy, tmp_path):
    """The issue's case: `audiance` for `audience` in an offer."""
    offer = sorted((content_copy / "ateliers").glob("*.md"))[0]
    lines = offer.read_text(encoding="utf-8").splitlines()
    number = next(number for number, line in enumerate(lines, 1) if line.startswith("audience:"))
    lines[number - 1] = lines[number - 1].replace("audience:", "audiance:")
    offer.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = check_on_github(content_copy, tmp_path)
    assert result.returncode != 0
    assert f"::error file=content/ateliers/{offer.name},line={number},title=" in result.stdout, result.stdout + result.stderr
    annotation = next(line for line in result.stdout.splitlines() if line.startswith("::error file="))
    assert "« audiance »" in annotation and "audience" in annotation.split("::", 2)[2]
    written = (tmp_path / "resume.md").read_text(encoding="utf-8")
    assert f"`content/ateliers/{offer.name}`, ligne {number}" in written
    assert "à corriger" in written
    assert not (tmp_path / "output").exists()


def test_without_github_actions_nothing_is_annotated(content_copy, tmp_path):
    offer = sorted((content_copy / "ateliers").glob("*.md"))[0]
    offer.write_text(offer.read_text(encoding="utf-8").replace("audience:", "audiance:", 1), encoding="utf-8")
    result = check_on_github(content_copy, tmp_path, GITHUB_ACTIONS="false")
    assert result.returncode != 0
    assert "::error" not in result.stdout
    assert not (tmp_path / "resume.md").exists()


# -- The pieces -----------------------------------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("content/ateliers/x.md, ligne 5, champ « audiance » : ce champ n’existe pas",
     Finding("content/ateliers/x.md, ligne 5, champ « audiance » : ce champ n’existe pas", "content/ateliers/x.md", 5)),
    ("content/pages/tarifs.md, ligne 12 (page /tarifs/), lien « #prix » : l'ancre…",
     Finding("content/pages/tarifs.md, ligne 12 (page /tarifs/), lien « #prix » : l'ancre…", "content/pages/tarifs.md", 12)),
    ("content/ateliers/x.md, champ « access_delay » : ce champ obligatoire manque",
     Finding("content/ateliers/x.md, champ « access_delay » : ce champ obligatoire manque", "content/ateliers/x.md")),
    ("page /x/ (content/pages/x.md ; lien absent du texte : il vient du gabarit du thème), lien « /y/ » : …",
     Finding("page /x/ (content/pages/x.md ; lien absent du texte : il vient du gabarit du thème), lien « /y/ » : …",
             "content/pages/x.md")),
    ("page /contact/, ligne 40 : erreur de validation : Duplicate ID",
     Finding("page /contact/, ligne 40 : erreur de validation : Duplicate ID")),
])
def test_the_file_and_line_are_read_from_the_french_line(line, expected):
    assert place_of(line) == expected


def test_a_warning_names_the_settings_file():
    finding = place_of("ORGANISATION[\"email\"] n'est pas renseigné dans pelicanconf.py (contact)", "warning")
    assert (finding.file, finding.line, finding.level) == ("pelicanconf.py", None, "warning")
    assert command(finding).startswith("::warning file=pelicanconf.py,title=")


def test_the_build_report_gives_one_item_per_problem():
    report = ("La construction du site a échoué : 2 problèmes à corriger.\n"
              "  1. content/pages/a.md : le fichier content/pages/a.md n'a pas pu être lu.\n"
              "     mapping values are not allowed here\n"
              "  2. content/ateliers/b.md, ligne 3, champ « prix » : ce champ n’existe pas\n"
              "Rien n'a été publié. Corrigez ces points puis relancez la construction.\n")
    assert report_items(report) == [
        "content/pages/a.md : le fichier content/pages/a.md n'a pas pu être lu. mapping values are not allowed here",
        "content/ateliers/b.md, ligne 3, champ « prix » : ce champ n’existe pas",
    ]


@pytest.mark.parametrize(("text", "data", "property_value"), [
    ("100 % sûr", "100 %25 sûr", "100 %25 sûr"),
    ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
    ("champ « x » : valeur, autre", "champ « x » : valeur, autre", "champ « x » %3A valeur%2C autre"),
    ("::error::injecté", "::error::injecté", "%3A%3Aerror%3A%3Ainjecté"),
])
def test_workflow_commands_are_escaped(text, data, property_value):
    assert escape_data(text) == data
    assert escape_property(text) == property_value


def test_a_message_cannot_start_a_second_command():
    """A newline in a message would otherwise start a command of its own."""
    line = command(Finding("a\n::warning::b", "content/x,y.md", 3))
    assert line == "::error file=content/x%2Cy.md,line=3,title=Site %3A à corriger::a%0A::warning::b"
    assert "\n" not in line


def test_annotations_and_summary_only_on_github(tmp_path, monkeypatch):
    printed = []
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "resume.md"))
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    publish_report([Finding("x")], out=printed.append)
    assert printed == [] and not (tmp_path / "resume.md").exists()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    publish_report([Finding("x", "content/a.md", 2), Finding("y", level="warning")], ([], [], []), out=printed.append)
    assert printed == ["::error file=content/a.md,line=2,title=Site %3A à corriger::x", "::warning title=Site %3A à compléter::y"]
    assert "1 problème à corriger" in (tmp_path / "resume.md").read_text(encoding="utf-8")


def test_the_summary_lists_pages_added_changed_and_removed(content_copy, tmp_path):
    """Two built folders, no network: the published site and the new one."""
    assert pelican_build(content_copy, tmp_path / "publie").returncode == 0
    offers = sorted((content_copy / "ateliers").glob("*.md"))
    article = sorted((content_copy / "ressources").glob("*.md"))[0]
    offers[0].write_text(offers[0].read_text(encoding="utf-8") + "\nUn paragraphe de plus.\n", encoding="utf-8")
    article.rename(article.with_name("nouvel-article.md"))
    text = article.with_name("nouvel-article.md").read_text(encoding="utf-8")
    article.with_name("nouvel-article.md").write_text(text.replace(f"slug: {article.stem}\n", ""), encoding="utf-8")
    result = pelican_build(content_copy, tmp_path / "nouveau")
    assert result.returncode == 0, result.stderr
    added, changed, removed = compare_sites(tmp_path / "nouveau", tmp_path / "publie")
    assert added == ["/ressources/nouvel-article/"]
    assert removed == [f"/ressources/{article.stem}/"]
    assert f"/ateliers/{offers[0].stem}/" in changed
    written = summary([], (added, changed, removed), "https://exemple.github.io/site")
    assert "tout est correct" in written
    new_page = "/ressources/nouvel-article/"
    assert f"- **Ajoutées** (1) : [{new_page}](https://exemple.github.io/site{new_page})" in written
    assert f"- **Supprimées** (1) : `/ressources/{article.stem}/`" in written

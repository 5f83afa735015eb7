"""`make check` under GitHub Actions: each problem as an annotation on its
file and line (workflow commands), and a French summary of the run: the
problems, then the pages added, changed and removed since the published site."""


import pytest

from conftest import invoke, pelican_build
from core.problems import Problem
from core.report import annotation, escape_data, escape_property, summary
from site_checks.github import compare_sites, publish_report


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

def test_a_warning_names_the_settings_file_and_its_field():
    warning = Problem("n'est pas renseigné", file="content/reglages.yml", line=7, key="organisation.email",
                      label="Courriel", severity="warning")
    assert annotation(warning).startswith("::warning file=content/reglages.yml,line=7,title=Site %3A à compléter::")
    assert "champ « Courriel (organisation.email) »" in annotation(warning)


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
    line = annotation(Problem("a\n::warning::b", "content/x,y.md", 3))
    assert line == "::error file=content/x%2Cy.md,line=3,title=Site %3A à corriger::content/x,y.md, ligne 3 : a%0A::warning::b."
    assert "\n" not in line


def test_annotations_and_summary_only_on_github(tmp_path, monkeypatch):
    printed = []
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "resume.md"))
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    publish_report([Problem("x")], out=printed.append)
    assert printed == [] and not (tmp_path / "resume.md").exists()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    publish_report([Problem("x", "content/a.md", 2), Problem("y", severity="warning")], ([], [], []), out=printed.append)
    assert printed == ["::error file=content/a.md,line=2,title=Site %3A à corriger::content/a.md, ligne 2 : x.",
                       "::warning title=Site %3A à compléter::y."]
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

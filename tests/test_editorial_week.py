"""A realistic week of editorial changes (the table of tests/week_of_edits.py),
applied to a copy of the real content/: each one builds (the published
version, under a sub-path, with every link checked) and the page shows the
change; together, they pass `make check`. The same week, applied to a copy
of the repository, is what the whole suite is run on (README)."""

import shutil
import subprocess
import sys

import pytest

from conftest import (
    CONTENT,
    PUBLISHED_SITEURL,
    ROOT,
    Site,
    invoke,
    pelican_build,
)
from week_of_edits import EDITS, Element, empty_reglages, new_offer


@pytest.fixture
def real_content(tmp_path):
    """A copy of today's content/, whatever it holds."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def assert_shown(site, shown, gone):
    for url, texts in shown.items():
        page = site.file_for(url)
        assert page.is_file(), f"{url} n'a pas été publiée"
        visible = " ".join(site.soup(url).get_text(" ").split())
        for text in texts:
            if isinstance(text, Element):
                assert site.soup(url).select_one(text), f"{url} n'a pas l'élément {text}"
            else:
                assert " ".join(text.split()) in visible, f"{url} ne montre pas « {text} »"
    for url in gone:
        assert not site.file_for(url).exists(), f"{url} est encore publiée"


@pytest.mark.parametrize("edit", EDITS)
def test_an_ordinary_edit_publishes(real_content, tmp_path, edit):
    shown, gone = EDITS[edit](real_content)
    # The réglages too are the copy's own (plugins/reglages reads the content folder built).
    result = pelican_build(real_content, tmp_path / "output", settings="publishconf.py",
                           env={"SITEURL": PUBLISHED_SITEURL})
    assert result.returncode == 0, result.stdout + result.stderr
    assert_shown(Site(tmp_path / "output"), shown, gone)


def test_the_whole_week_passes_make_check(real_content, tmp_path):
    """Every edit on content/ together, then `make check` as the workflow runs
    it: the build, links, HTML and accessibility pass, and the run's summary
    lists the pages added and removed since the published site. The
    réglages' edits are among them: the build reads the copy's own."""
    before = pelican_build(real_content, tmp_path / "publie", settings="publishconf.py", env={"SITEURL": PUBLISHED_SITEURL})
    assert before.returncode == 0, before.stderr
    expected, gone = {}, []
    for edit in EDITS.values():  # one after the other: a page removed may come back, and the reverse
        shown, removed = edit(real_content)
        expected = {**{url: texts for url, texts in expected.items() if url not in removed}, **shown}
        gone = [url for url in gone if url not in shown] + removed
        if edit is new_offer:
            copied = next(iter(shown))
    published = Site(tmp_path / "publie")
    added = [url for url in expected if not published.file_for(url).exists()]
    environment = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp_path / "resume.md"),
                   "PUBLISHED_SITE": str(tmp_path / "publie")}
    result = invoke("check", "--content", real_content, "--output", tmp_path / "output", "--siteurl", PUBLISHED_SITEURL,
                    env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout
    # The workshop copied from another kept its summary: a warning, not an error.
    assert any(copied in line and "ont la même description" in line
               for line in result.stdout.splitlines() if line.startswith("Avertissement")), result.stdout
    assert_shown(Site(tmp_path / "output"), expected, gone)
    written = (tmp_path / "resume.md").read_text(encoding="utf-8")
    assert "tout est correct" in written
    for url in (url for url in gone if published.file_for(url).exists()):
        assert f"`{url}`" in written.split("**Supprimées**")[1], url
    assert added
    for url in added:
        assert f"[{url}]({PUBLISHED_SITEURL}{url})" in written.split("**Ajoutées**")[1].split("**Modifiées**")[0], url


def test_the_week_applies_from_the_command_line_and_fills_every_reglage(real_content):
    """The script the README gives maintainers: the whole week on a folder,
    every réglage left unknown written in, the file valid for the build."""
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "week_of_edits.py"), str(real_content)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(f"- {name}" in result.stdout for name in EDITS)
    assert empty_reglages(real_content) == []

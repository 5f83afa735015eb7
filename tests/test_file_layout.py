"""One layout for the content files, the one the web editor (Decap CMS)
writes: every file of content/ saved again by Decap's own serializer is the
same to the byte, and a change of one field changes one line, so that the
reviewer of a pull request sees what changed and nothing else."""

import difflib
import shutil
import subprocess
import sys

import pytest
import yaml
from web_editor.layout import editor_files, layout_problems, save_as_decap

from conftest import CONTENT, FIXTURE_CONTENT, ROOT, build_or_fail, front_matter


def values(path):
    """What the build reads from a file: its front matter, or the settings."""
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.suffix == ".yml" else front_matter(path)


def changed_lines(before, after):
    """(removed, added): the lines a diff shows, as a reviewer reads them."""
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))[2:]
    return [line for line in diff if line.startswith("-")], [line for line in diff if line.startswith("+")]


def test_the_editors_layout_keeps_every_value_and_a_second_save_changes_no_byte(tmp_path):
    """On content/ as it is (any content: a file written by hand is put in
    the layout by the first save): the values are the build's, and saving
    again changes nothing, so one field saved is one line changed."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    files = editor_files(content)
    assert len(files) == len(list(CONTENT.glob("*/*.md"))) + len(list(CONTENT.glob("*.yml")))
    save_as_decap(files, content)
    once = {path: path.read_bytes() for path in files}
    for path in files:
        assert values(path) == values(CONTENT / path.relative_to(content)), path.name
    save_as_decap(files, content)
    assert {path: path.read_bytes() for path in files} == once


HAND_WRITTEN = {
    "commentaire": "# Écrit à la main\ntitle: Un atelier\n",
    "bloc-replie": "title: >-\n  Un atelier\n",
    "guillemets": "title: \"Un atelier\"\n",
}


@pytest.mark.parametrize("header", HAND_WRITTEN.values(), ids=list(HAND_WRITTEN))
def test_make_check_warns_of_a_hand_written_file_and_make_layout_rewrites_it(tmp_path, header):
    """A file written by hand in another layout builds (no content rule), but
    `make check` names it, as a warning with its fix, and `make layout`
    rewrites it without changing a value."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    save_as_decap(editor_files(content), content)
    assert layout_problems(content) == []
    path = content / "ateliers" / "ecriture.md"
    text = path.read_text(encoding="utf-8")
    title = front_matter(path)["title"]
    _, fields, body = text.split("---\n", 2)
    rest = "".join(line + "\n" for line in fields.splitlines() if not line.startswith("title:"))
    path.write_text("---\n" + header.replace("Un atelier", title) + rest + "---\n" + body, encoding="utf-8")
    before = values(path)
    (warning,) = layout_problems(content)
    assert (warning.file, warning.severity) == ("content/ateliers/ecriture.md", "warning")
    assert "make layout" in warning.fix and "/admin/" in warning.message
    result = subprocess.run([sys.executable, "-m", "invoke", "layout", "--content", str(content)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "content/ateliers/ecriture.md" in result.stdout
    assert layout_problems(content) == [] and values(path) == before


# Characters a text may have to stay on one line of the file: `yaml` folds
# lines at 80 columns, less the key and the indentation.
SHORT = 60


def a_number(data):
    price = data.get("price") or {}
    if isinstance(price.get("amount"), int):
        return ["price", "amount"], price["amount"] + 10
    if isinstance(data.get("order"), int):
        return ["order"], data["order"] + 10
    return None


def a_short_text(data):
    if "title" in data:
        return ["title"], "Un titre changé"
    if "organisation" in data:
        return ["organisation", "name"], "Une association changée"
    return None


def a_list_item(data):
    """A short item (a long one is folded over several lines: changing it
    changes them, as it would change a paragraph)."""
    for name in ("objectives", "principles", "deliverables"):
        for index, item in enumerate(data.get(name) or []):
            if len(item) <= SHORT:
                return [name, index], "Un élément changé."
    return None


EDITS = {"nombre": a_number, "texte-court": a_short_text, "element-de-liste": a_list_item}


def set_in(data, keys, value):
    """`data` with one value replaced, as the build should read it back."""
    if not keys:
        return value
    copy = list(data) if isinstance(data, list) else dict(data)
    copy[keys[0]] = set_in(data[keys[0]], keys[1:], value)
    return copy


@pytest.mark.parametrize("kind", EDITS)
def test_one_field_changed_through_the_editor_changes_one_line(tmp_path, kind):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    save_as_decap(editor_files(content), content)  # as it is after a first save (a hand-written file is rewritten)
    edits = {}
    for path in editor_files(content):
        edit = EDITS[kind](values(path))
        if edit:
            edits[path] = [edit]
    assert edits, f"no file of content/ has a field of this kind ({kind}): the test would prove nothing"
    before = {path: (path.read_text(encoding="utf-8"), values(path)) for path in edits}
    save_as_decap(list(edits), content, edits)
    for path, [(keys, value)] in edits.items():
        removed, added = changed_lines(before[path][0], path.read_text(encoding="utf-8"))
        assert (len(removed), len(added)) == (1, 1), f"{path.name}: {removed + added}"
        assert values(path) == set_in(before[path][1], keys, value), path.name
    build_or_fail(content, tmp_path / "site")  # the build reads every changed file

"""The output swap (tasks.py): a build goes to output.staging, then two
renames put it in place of output/. A kill at any moment leaves the last
good site recoverable, and the next build puts it back: never is every copy
deleted.

Each row is the state a kill leaves at one moment of a build; the folders
are made by hand, as the kill would have left them.
"""

import pytest
from test_pictures import article

import tasks
from conftest import invoke, write_content

GOOD, NEW, HALF = "le site d’hier", "le site d’aujourd’hui", "à moitié"

# The moment of the kill: {folder: what its index.html says}, and which
# site output/ must hold once the next build starts.
INTERRUPTED = {
    "pendant la construction": ({"output": GOOD, "output.staging": HALF}, GOOD),
    "entre les deux renommages": ({"output.old-41-1": GOOD, "output.staging": NEW}, GOOD),
    "après les deux renommages": ({"output": NEW, "output.old-41-1": GOOD}, NEW),
    "pendant la suppression de l'ancien": ({"output": NEW, "output.trash-41-1": HALF}, NEW),
    "deux arrêts de suite": ({"output.old-40-1": "avant-hier", "output.old-41-1": GOOD, "output.staging": HALF}, GOOD),
}


def make(tmp_path, folders):
    for index, (name, text) in enumerate(folders.items()):
        page = tmp_path / name / "index.html"
        page.parent.mkdir()
        page.write_text(text, encoding="utf-8")
        (tmp_path / name).touch()
        tasks.os.utime(tmp_path / name, ns=(index * 10**9, index * 10**9))  # in the order they were made


@pytest.mark.parametrize("moment", INTERRUPTED)
def test_the_next_build_starts_from_the_last_good_site(tmp_path, moment):
    folders, kept = INTERRUPTED[moment]
    make(tmp_path, folders)
    with tasks.one_build_at_a_time(tmp_path / "output") as alone:
        assert alone
        assert (tmp_path / "output" / "index.html").read_text(encoding="utf-8") == kept
    assert sorted(path.name for path in tmp_path.iterdir()) == ["output", "output.lock"]


def test_a_swap_leaves_only_the_new_site(tmp_path):
    """No .old-* nor .trash-* is left once a swap is done."""
    make(tmp_path, {"output": GOOD, "output.staging": NEW})
    target, staging = tmp_path / "output", tmp_path / "output.staging"
    tasks.replace_folder(staging, target)
    assert (target / "index.html").read_text(encoding="utf-8") == NEW
    assert sorted(path.name for path in tmp_path.iterdir()) == ["output"]


@pytest.mark.parametrize(("body", "published"), [("Le texte.\n", "Le texte."), ("---\n: faux\n", GOOD)])
def test_a_build_after_a_kill_between_the_renames_publishes_or_keeps_the_last_good_site(tmp_path, body, published):
    """A whole build (`invoke build`) after the kill: it succeeds and replaces
    the recovered site, or fails and leaves the recovered site in place."""
    content, output = tmp_path / "content", tmp_path / "output"
    write_content(content, {"ressources/a.md": article(body) if published != GOOD else body})
    make(tmp_path, {"output.old-41-1": GOOD, "output.staging": HALF})
    result = invoke("build", "--content", str(content), "--output", str(output))
    assert (result.returncode == 0) == (published != GOOD), result.stdout + result.stderr
    assert "la dernière version réussie a été remise en place" in result.stderr
    assert "Traceback" not in result.stderr
    if published == GOOD:
        assert (output / "index.html").read_text(encoding="utf-8") == GOOD
    else:
        assert published in (output / "ressources" / "a" / "index.html").read_text(encoding="utf-8")
    assert not list(tmp_path.glob("output.old-*")) + list(tmp_path.glob("output.staging"))

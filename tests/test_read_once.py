"""Each content file is read once per build (core/document.py): the reader
keeps its text, and the checks that need it again (the links written from
the root, the HTML allow-list's lines, the pictures' lines) take it from the
page's `front_matter`, never from the disk.

A spy in the test only: the build runs in its own process, as
`python -m pelican` does, with `open` wrapped by unittest.mock to count the
opening of each file of the content folder.
"""

import json
import subprocess
import sys

import pytest

from conftest import ROOT

SPY = """
import collections, io, json, sys
from pathlib import Path
from unittest import mock

content, output, report = sys.argv[1:4]
root = Path(content).resolve()
reads = collections.Counter()
real_open = io.open


def spying_open(file, mode="r", *args, **kwargs):
    if isinstance(file, (str, Path)) and "r" in mode and "+" not in mode:
        path = Path(file).resolve()
        if root in path.parents:
            reads[path.relative_to(root).as_posix()] += 1
    return real_open(file, mode, *args, **kwargs)


sys.argv = ["pelican", content, "-s", "pelicanconf.py", "-o", output, "-e", "SEARCH_INDEX=false"]
code = 0
with mock.patch("builtins.open", spying_open), mock.patch("io.open", spying_open):
    from pelican import main
    try:
        main()
    except SystemExit as stop:
        code = stop.code
Path(report).write_text(json.dumps({"reads": reads, "code": code}))
"""

# Pages that stop the build, each at a check that reports a line of the
# file: the HTML allow-list, the links written from the server's root, the
# link check of the written site.
FAULTY = {
    "HTML refusé": "Un <span onclick=\"x()\">attribut refusé</span>.\n",
    "lien depuis la racine": "Un [lien](/ateliers/) écrit depuis la racine.\n",
    "lien cassé": "Un [lien](../nulle-part/) vers une page qui n’existe pas.\n",
}


def reads_of_a_build(content, tmp_path):
    """(files of content/ opened by one build and how often, its exit code)."""
    report = tmp_path / "reads.json"
    subprocess.run([sys.executable, "-c", SPY, str(content), str(tmp_path / "output"), str(report)],
                   cwd=ROOT, capture_output=True, check=False, timeout=600)
    found = json.loads(report.read_text(encoding="utf-8"))
    return found["reads"], found["code"]


@pytest.mark.parametrize("faulty", [None, *FAULTY], ids=["site de la fixture", *FAULTY])
def test_each_content_file_is_read_once(content_copy, tmp_path, faulty):
    if faulty:
        page = f"---\ntitle: Une page fautive\n---\n\nLe début.\n\n{FAULTY[faulty]}"
        (content_copy / "pages" / "fautive.md").write_text(page, encoding="utf-8")
    reads, code = reads_of_a_build(content_copy, tmp_path)
    assert (code != 0) == bool(faulty)  # stopped by the check that reported the line
    documents = sorted(path.relative_to(content_copy).as_posix() for path in content_copy.rglob("*.md"))
    assert {name: reads.get(name, 0) for name in documents} == dict.fromkeys(documents, 1)

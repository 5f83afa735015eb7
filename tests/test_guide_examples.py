"""Every example the editor guide gives builds (issue 20): what
docs/guide-redaction.md tells editors to write must never be refused by the
build. Each ```markdown block, and each ```yaml block that is a whole
document (it starts with ---), is put in a small site, the fragments inside a
page with a front matter; a block the guide shows as wrong on purpose is
marked `<!-- exemple-faux -->` on the line before it and left out. The
guide's section on pictures has its own test of what pictures become
(test_pictures.py), on the same blocks.
"""

import re
import textwrap

import yaml
from test_pictures import photo

from conftest import ROOT, Site, build_files, titled_offer

GUIDE = ROOT / "docs" / "guide-redaction.md"
WRONG = "<!-- exemple-faux -->"
SECTIONS = {"pages": "", "ateliers": "ateliers/", "ressources": "ressources/"}
_BLOCK = re.compile(r"^( *)```(markdown|yaml)\n(.*?)^\1```", re.S | re.M)


def guide_blocks(text=None, section=None):
    """(line in the guide, kind, text) of every ```markdown and ```yaml block
    of the guide (or of its `section`, a « ## » title), dedented, without
    those marked as wrong examples."""
    text = GUIDE.read_text(encoding="utf-8") if text is None else text
    start = 0
    if section:
        start = text.index(f"\n## {section}\n") + 1
        end = text.find("\n## ", start)
        text = text[:end] if end != -1 else text
    blocks = []
    for match in _BLOCK.finditer(text, start):
        before = text[:match.start()].rstrip().rsplit("\n", 1)[-1].strip()
        if before != WRONG:
            blocks.append((text.count("\n", 0, match.start()) + 1, match.group(2), textwrap.dedent(match.group(3))))
    return blocks


def as_file(line, text):
    """Where an example goes in content/, and its text: a whole document in
    the folder its fields say (an offer has a method, an article a date), a
    fragment inside a page."""
    if not text.startswith("---\n"):
        return f"pages/exemple-{line}.md", f"---\ntitle: Exemple de la ligne {line}\n---\n\n{text}"
    if re.search(r"^method:", text, re.M):
        return f"ateliers/exemple-{line}.md", text
    if re.search(r"^date:", text, re.M):
        return f"ressources/exemple-{line}.md", text
    return f"pages/exemple-{line}.md", text


def front_matter_of(example):
    """An example's front matter, when it starts with one."""
    if not example.startswith("---\n"):
        return {}
    return yaml.safe_load(example.split("---\n", 2)[1]) or {}


def test_the_wrong_examples_are_left_out():
    text = f"Intro\n\n{WRONG}\n```markdown\nfaux\n```\n\n  ```markdown\n  juste\n  ```\n"
    assert guide_blocks(text) == [(8, "markdown", "juste\n")]


def test_every_example_of_the_guide_builds(tmp_path):
    examples = [(line, text) for line, kind, text in guide_blocks() if kind == "markdown" or text.startswith("---\n")]
    assert len(examples) >= 6
    files = dict(as_file(line, text) for line, text in examples)
    # The offers, pages and pictures the examples name, as an editor's site has them.
    named = "".join(text for _, text in examples)
    proposed = {slug for _, text in examples for slug in front_matter_of(text).get("propositions") or []}
    for slug in set(re.findall(r"\{filename\}/ateliers/([\w-]+)\.md", named)) | proposed:
        files.setdefault(f"ateliers/{slug}.md", titled_offer(slug.replace("-", " ").capitalize(), 10))
    for name in set(re.findall(r"/images/([\w.-]+)", named)):
        photo(tmp_path / "content" / "images" / name, size=(800, 600), kind="PNG" if name.endswith(".png") else "JPEG")

    result, said = build_files(tmp_path, files)

    assert result.returncode == 0, said
    site = Site(tmp_path / "output")
    for name, text in files.items():
        folder, stem = name.removesuffix(".md").split("/")
        slug = re.search(r"^slug: *(\S+)", text, re.M)
        url = f"/{SECTIONS[folder]}{slug.group(1) if slug else stem}/"
        assert site.file_for(url).is_file(), f"{name} n’est pas publié à {url}"

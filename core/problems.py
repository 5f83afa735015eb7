"""A problem the build found, as data: which file, which line, which field
(its key and its label in the web editor's form), what is wrong, how to fix
it, and whether it stops the build.

Every report (terminal, preview page, GitHub, JSON) is made from these
objects (core/report.py); none is ever read back from its text. `describe`
is the one French sentence of a problem, the one the terminal prints.
"""

import functools
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import yaml

SEVERITIES = ("error", "warning")
# The web editor's form (generated from the schemas by plugins/web_editor):
# the labels editors read, by key.
FORM = Path(__file__).resolve().parent.parent / "plugins" / "web_editor" / "admin" / "config.yml"


@dataclass(frozen=True)
class Problem:
    """One problem, in French for editors. `file` is the path from the
    repository (content/ateliers/x.md), `line` counts from 1, `key` is the
    field as written in the front matter (price.amount), `item` the list
    element (from 1) when the problem is in one."""

    message: str
    file: str | None = None
    line: int | None = None
    key: str | None = None
    label: str | None = None
    fix: str | None = None
    severity: str = "error"
    item: int | None = None

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    def __str__(self):
        # A Problem logged as `logger.error("%s", problem)` reads as its sentence.
        return describe(self)

    def as_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        """A Problem from its JSON form; unknown keys are ignored."""
        names = {field.name for field in fields(cls)}
        return cls(**{name: value for name, value in data.items() if name in names})


def field_name(problem):
    """« Résumé (summary) » when the form names the key, else « summary »."""
    if problem.label and problem.label != problem.key:
        return f"« {problem.label} ({problem.key}) »"
    return f"« {problem.key} »"


def place(problem):
    """Where the problem is: « content/x.md, ligne 5, champ « Résumé (summary) » »."""
    parts = [problem.file] if problem.file else []
    if problem.line:
        parts.append(f"ligne {problem.line}")
    if problem.key:
        parts.append(f"champ {field_name(problem)}" + (f" (élément {problem.item})" if problem.item else ""))
    return ", ".join(parts)


def sentence(problem):
    """What is wrong, then how to fix it, ending with its full stop."""
    text = problem.message.rstrip()
    if problem.fix:
        fix = problem.fix.strip()
        text = f"{_closed(text)} {fix[:1].upper()}{fix[1:]}"
    return _closed(text)


def describe(problem):
    """The problem in one French line: where, what, how to fix it."""
    where = place(problem)
    return f"{where} : {sentence(problem)}" if where else sentence(problem)


def _closed(text):
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def label_of(key):
    """The label the web editor's form gives to `key` (« price.amount » →
    « Montant »), or None when the form does not have it."""
    if not key:
        return None
    return form_labels().get(key)


@functools.cache
def form_labels():
    """{key: label} of every field of the web editor's form, the first label
    met for a key shared by several collections (they agree)."""
    try:
        config = yaml.safe_load(FORM.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    labels = {}
    for collection in config.get("collections", []):
        for entry in [collection, *collection.get("files", [])]:
            _walk(entry.get("fields", []), "", labels)
    return labels


def _walk(form_fields, prefix, labels):
    for field in form_fields:
        if not isinstance(field, dict) or "name" not in field:
            continue
        key = prefix + str(field["name"])
        if field.get("label"):
            labels.setdefault(key, str(field["label"]))
        _walk(field.get("fields", []) + field.get("inputs", []), key + ".", labels)

"""The organisation's identity, read from a YAML data file (reglages.yml, in
the content folder the build is given: content/reglages.yml for this site),
and the site's colours and logo (« appearance: »), checked against the
réglages schema (core/schemas/reglages.py).

Plain Python: plugins/reglages calls `read_identity` when the build starts
to set ORGANISATION, HOST and APPEARANCE, so the editors (and the web editor's « Réglages »)
change a YAML file, never Python. Mistakes stop the build with the same
French problems as the documents' (core/messages.py): file, line, the field
as the form names it. An empty value stays None (unknown: the legal notice
says it is missing, nothing is invented).
"""

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from .appearance import logo_problem
from .limits import LimitError, check_yaml, read_bounded
from .messages import explain_all, field_problem
from .phones import tel_uri
from .problems import Problem, describe
from .schemas.reglages import SETTINGS, Appearance, Reglages

__all__ = ["IDENTITY_FILE", "IdentityError", "identity_file", "missing_values", "read_identity", "tel_uri"]

# The réglages file's name, in the content folder: each content folder brings its own.
IDENTITY_FILE = "reglages.yml"

# `colour: #1f5f5b` without quotes is a YAML comment, so an empty value: said, not ignored.
UNQUOTED_COLOUR = re.compile(r":\s+#[0-9a-fA-F]{3,8}\b")
COLOURS = (("appearance", "colour"), ("appearance", "accent_colour"))
NULL = "tag:yaml.org,2002:null"
# A key the schema does not have, with no close name: the réglages file has no page text.
UNKNOWN_FIX = "corrigez son nom, ou supprimez la ligne."
# A settings file is a few lines; anything larger is a mistake.
MAX_BYTES = 64 * 1024


class IdentityError(SystemExit):
    """The file's problems, one French line each; exits the build with status 1."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(describe(problem) for problem in problems))


def identity_file(content):
    """The réglages file of the content folder `content`, and its name as the
    editors know it: the folder's and the file's (« content/reglages.yml »)."""
    path = Path(content) / IDENTITY_FILE
    return path, f"{Path(content).resolve().name}/{IDENTITY_FILE}"


def read_identity(path, root=None):
    """{setting: {key: value or None}} for ORGANISATION, HOST and APPEARANCE,
    from `path`. `root`: the folder the file is named from in messages."""
    path = Path(path)
    shown = path.relative_to(root).as_posix() if root else str(path)
    if not path.is_file():
        _stop(shown, None, "le fichier des réglages manque ; il donne le nom de l’association et de "
                           "l’hébergeur (voir docs/guide-redaction.md).")
    if path.stat().st_size > MAX_BYTES:
        _stop(shown, None, f"le fichier dépasse {MAX_BYTES // 1024} Ko : ce n’est pas un fichier de réglages.")
    text, document = _read(path, shown)
    if not isinstance(document, yaml.MappingNode):
        _stop(shown, document, "le fichier doit contenir les rubriques "
              + " et ".join(f"« {name}: »" for name in SETTINGS) + ".")
    _well_formed(shown, document)
    problems = _unquoted_colours(shown, document, text)
    try:
        reglages = Reglages.model_validate(yaml.safe_load(text) or {})
    except ValidationError as error:
        problems += explain_all(error.errors(), Reglages, shown, _key_lines(document), unknown_fix=UNKNOWN_FIX)
    if not problems and reglages.appearance.logo:
        problems = _logo_file(shown, document, reglages.appearance.logo, path.parent)
    if problems:
        raise IdentityError(sorted(problems, key=lambda problem: problem.line or 0))
    values = reglages.model_dump()
    return {setting: values[section] for section, setting in SETTINGS.items()}


def missing_values(path, section="organisation"):
    """(key, line) of each value of `section` not known yet (empty, or
    absent: line None), so `make check` can say where to write it."""
    path = Path(path)
    values = read_identity(path)[SETTINGS[section]]
    lines = _key_lines(_read(path, str(path))[1])
    return [(key, lines.get((section, key))) for key, value in values.items() if value is None]


def _stop(shown, node, message):
    raise IdentityError([Problem(message, file=shown, line=node.start_mark.line + 1 if node is not None else None)])


def _read(path, shown):
    """The file's text and YAML node graph, within the bounds the content
    files have (size, UTF-8, no anchor, no alias, depth): see core/limits.py."""
    try:
        text = read_bounded(path)
        check_yaml(text)
        return text, yaml.compose(text, Loader=yaml.SafeLoader)
    except LimitError as error:
        raise IdentityError([Problem(error.problem, file=shown, line=error.line)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise IdentityError([Problem(
            f"le YAML n’est pas lisible ({error.problem or error.context}). Vérifiez l’indentation (deux espaces) "
            "et mettez entre guillemets un texte qui contient « : ».",
            file=shown, line=mark.line + 1 if mark else None)]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise IdentityError([Problem(f"le fichier n’est pas lisible ({error}).", file=shown)]) from None


def _sections(document):
    """(key node, value node) of each section, and of each key below it."""
    for key_node, value_node in document.value:
        yield (key_node.value,), key_node, value_node
        if isinstance(value_node, yaml.MappingNode):
            for inner_key, inner_value in value_node.value:
                yield (key_node.value, inner_key.value), inner_key, inner_value


def _key_lines(document):
    """{("organisation", "phone"): 5, …}: the line of each section and key."""
    return {path: key_node.start_mark.line + 1 for path, key_node, _ in _sections(document)}


def _well_formed(shown, document):
    """A key written twice: YAML would keep the last one silently. A section
    is its keys, one a line, below it."""
    seen = set()
    for path, key_node, value_node in _sections(document):
        if len(path) == 1 and path[0] in SETTINGS and value_node.tag != NULL \
                and not isinstance(value_node, yaml.MappingNode):
            _stop(shown, key_node, f"sous « {path[0]}: », écrivez un champ par ligne, en retrait de deux espaces.")
        if path in seen:
            _stop(shown, key_node, f"« {'.'.join(map(str, path))} » est écrit deux fois : gardez-en un seul.")
        seen.add(path)


def _unquoted_colours(shown, document, text):
    """A colour written without quotes is a YAML comment, so read as empty."""
    lines = text.splitlines()
    problems = []
    for path, key_node, value_node in _sections(document):
        line = key_node.start_mark.line
        if path in COLOURS and value_node.tag == NULL and UNQUOTED_COLOUR.search(lines[line]):
            problems.append(field_problem(
                shown, line + 1, ".".join(path), None,
                "une couleur s’écrit entre guillemets, par exemple \"#1f5f5b\" ; sans eux, le # commence un "
                "commentaire et la valeur est vide", label=Appearance.model_fields[path[1]].title))
    return problems


def _logo_file(shown, document, logo, folder):
    """The logo's file, on the disk: there, readable, small, with a size."""
    problem = logo_problem(logo, folder)
    if not problem:
        return []
    line = _key_lines(document).get(("appearance", "logo"))
    return [field_problem(shown, line, "appearance.logo", None, problem.removesuffix("."),
                          label=Appearance.model_fields["logo"].title)]

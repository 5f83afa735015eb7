"""The organisation's identity, read from a YAML data file (content/reglages.yml),
and the site's colours and logo (« appearance: », checked by appearance.py).

Plain Python: pelicanconf.py calls `read_identity` to set
ORGANISATION and HOST, so the editors (and the web editor's « Réglages »)
change a YAML file, never Python. A mistake stops the build with a French
message naming the file and the line; an empty value stays None (unknown:
the legal notice says it is missing, nothing is invented).
"""

import re
from pathlib import Path

import yaml

from .appearance import colour_problem, logo_problem
from .limits import LimitError, check_yaml, read_bounded

# Each section of the file, the setting it becomes, and the keys it may hold.
SECTIONS = {
    "organisation": ("ORGANISATION", ("name", "legal_form", "email", "phone", "address", "registration",
                                      "publication_director")),
    "host": ("HOST", ("name", "address", "website")),
    "appearance": ("APPEARANCE", ("colour", "accent_colour", "logo")),
}
# The fields the web editor's « Réglages » form shows a value of (messages name both).
LABELS = {"appearance.colour": "Couleur principale", "appearance.accent_colour": "Couleur d’accent",
          "appearance.logo": "Logo"}
# Values with a form of their own: a function (value, content folder) -> a problem, or None.
CHECKS = {"appearance.colour": lambda value, _: colour_problem(value),
          "appearance.accent_colour": lambda value, _: colour_problem(value),
          "appearance.logo": logo_problem}
# `colour: #1f5f5b` without quotes is a YAML comment, so an empty value: said, not ignored.
UNQUOTED_COLOUR = re.compile(r":\s+#[0-9a-fA-F]{3,8}\b")

# A settings file is a few lines; anything larger is a mistake.
MAX_BYTES = 64 * 1024
# A telephone number as people write it: digits and the usual separators,
# with a leading + for an international one.
_PHONE = re.compile(r"\+?[0-9][0-9 .()-]{4,24}")
_STRING = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


class IdentityError(SystemExit):
    """A French message naming the file and the line; exits the build with status 1."""

    def __init__(self, path, node, message):
        where = f"{path}, ligne {node.start_mark.line + 1}" if node is not None else str(path)
        super().__init__(f"{where} : {message}")


def read_identity(path, root=None):
    """{setting: {key: value or None}} for ORGANISATION and HOST, from `path`.
    `root`: the folder the file is named from in messages."""
    path = Path(path)
    shown = path.relative_to(root).as_posix() if root else str(path)
    if not path.is_file():
        raise IdentityError(shown, None, "le fichier des réglages manque ; il donne le nom de l’association et de "
                                         "l’hébergeur (voir docs/guide-redaction.md).")
    if path.stat().st_size > MAX_BYTES:
        raise IdentityError(shown, None, f"le fichier dépasse {MAX_BYTES // 1024} Ko : ce n’est pas un fichier de réglages.")
    try:
        document = _compose(path)
    except LimitError as error:
        raise SystemExit(f"{shown}{f', ligne {error.line}' if error.line else ''} : {error.problem}") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f", ligne {mark.line + 1}" if mark else ""
        raise SystemExit(f"{shown}{line} : le YAML n’est pas lisible ({error.problem or error.context}). "
                         "Vérifiez l’indentation (deux espaces) et mettez entre guillemets "
                         "un texte qui contient « : ».") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SystemExit(f"{shown} : le fichier n’est pas lisible ({error}).") from None
    if not isinstance(document, yaml.MappingNode):
        raise IdentityError(shown, document, "le fichier doit contenir les rubriques "
                            + " et ".join(f"« {name}: »" for name in SECTIONS) + ".")
    settings = {setting: dict.fromkeys(keys) for setting, keys in SECTIONS.values()}
    seen = set()
    for key_node, value_node in document.value:
        section = key_node.value
        if section not in SECTIONS:
            raise IdentityError(shown, key_node, f"rubrique « {section} » inconnue ; les rubriques sont "
                                + ", ".join(f"« {name} »" for name in SECTIONS) + ".")
        _once(shown, key_node, section, seen)
        setting, keys = SECTIONS[section]
        settings[setting] = _section(shown, section, value_node, keys, path)
    _check_phone(shown, document, settings["ORGANISATION"]["phone"])
    return settings


def tel_uri(phone):
    """The tel: link of a number written as people write it: a French one
    (01 23 45 67 89) becomes +33123456789, an international one keeps its
    country code. None when the number cannot be dialled from abroad."""
    if not _PHONE.fullmatch(phone):
        return None
    digits = re.sub(r"[^0-9]", "", phone)
    if phone.startswith("+"):
        return f"tel:+{digits}" if 6 <= len(digits) <= 15 else None
    if len(digits) == 10 and digits.startswith("0"):
        return f"tel:+33{digits[1:]}"
    return None


def _check_phone(shown, document, phone):
    """A number no tel: link can be made from (templates use `tel_uri`) is
    named at its line, with the two forms that work."""
    if phone is not None and tel_uri(phone) is None:
        node = _value_node(document, "organisation", "phone")
        raise IdentityError(shown, node, f"« organisation.phone » (Téléphone) : « {phone} » n’est pas un numéro "
                            "que le site peut composer ; écrivez-le comme 01 23 45 67 89 (en France) ou, "
                            "avec l’indicatif du pays, +33 1 23 45 67 89.")


def _value_node(document, section, key):
    """The YAML node of `section.key`, for its line."""
    for key_node, value_node in document.value:
        if key_node.value == section and isinstance(value_node, yaml.MappingNode):
            return next((value for name, value in value_node.value if name.value == key), value_node)
    return None


def _compose(path):
    """The file's YAML node graph, within the bounds the content files have
    (size, UTF-8, no anchor, no alias, depth): see core/limits.py."""
    text = read_bounded(path)
    check_yaml(text)
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _once(shown, node, name, seen):
    if name in seen:
        raise IdentityError(shown, node, f"« {name} » est écrit deux fois : gardez-en un seul.")
    seen.add(name)


def _section(shown, section, node, keys, path):
    values = dict.fromkeys(keys)
    if node.tag == _NULL:
        return values
    if not isinstance(node, yaml.MappingNode):
        raise IdentityError(shown, node, f"sous « {section}: », écrivez un champ par ligne, en retrait de deux espaces.")
    seen = set()
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in keys:
            raise IdentityError(shown, key_node, f"champ « {key} » inconnu dans « {section} » ; les champs sont "
                                + ", ".join(keys) + ".")
        name = f"{section}.{key}"
        _once(shown, key_node, name, seen)
        values[key] = _text(shown, name, value_node)
        _check(shown, name, key_node, value_node, values[key], path)
    return values


def _check(shown, name, key_node, value_node, value, path):
    """A value with a form of its own (CHECKS), named with its form label."""
    if name not in CHECKS:
        return
    field = f"« {name} » ({LABELS[name]})"
    if value is None:
        line = key_node.start_mark.buffer.splitlines()[key_node.start_mark.line] if key_node.start_mark.buffer else ""
        if UNQUOTED_COLOUR.search(line):
            raise IdentityError(shown, key_node, f"{field} : une couleur s’écrit entre guillemets, par exemple "
                                "\"#1f5f5b\" ; sans eux, le # commence un commentaire et la valeur est vide.")
        return
    problem = CHECKS[name](value, path.parent)
    if problem:
        raise IdentityError(shown, value_node, f"{field} : {problem}")


def _text(shown, name, node):
    """A text, or None when left empty; anything else is named."""
    if node.tag == _NULL:
        return None
    if not isinstance(node, yaml.ScalarNode) or node.tag != _STRING:
        raise IdentityError(shown, node, f"« {name} » doit être un texte sur une ligne ; un numéro (téléphone, SIREN) "
                            "s’écrit entre guillemets pour garder ses zéros, par exemple \"01 23 45 67 89\".")
    return node.value.strip() or None


def missing_values(path, section="organisation"):
    """(key, line) of each value of `section` not known yet (empty, or
    absent: line None), so `make check` can say where to write it."""
    path = Path(path)
    keys = SECTIONS[section][1]
    values = read_identity(path)[SECTIONS[section][0]]
    lines = {}
    document = _compose(path)
    for key_node, value_node in document.value:
        if key_node.value == section and isinstance(value_node, yaml.MappingNode):
            lines = {key.value: key.start_mark.line + 1 for key, _ in value_node.value}
    return [(key, lines.get(key)) for key in keys if values[key] is None]

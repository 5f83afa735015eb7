"""Bounds on what an editor's file may hold, checked before anything parses it.

A YAML alias bomb (nine levels of `&a [*a, *a, …]`) takes minutes and all
memory to build; a list nested ten thousand levels deep overflows Python's
stack; a file saved in Latin-1 or holding a NUL byte is published garbled.
Each is refused here with a French problem, in one linear pass over the
parser's events, before any node graph exists. The content files
(core/document.py) and the settings file (core/organisation.py) share these checks.
"""

import datetime
import re
from pathlib import Path

import yaml

# A content file is a page of text, not a book; a front matter value is a
# paragraph at most. Limits far above any real page, far below trouble.
MAX_FILE_BYTES = 1024 * 1024
MAX_VALUE_CHARS = 20_000
MAX_DEPTH = 20
# Invisible in an editor, invalid in HTML, and pasted from word processors:
# the C0 controls but tab, line feed and carriage return; DEL; and the C1
# controls (U+0080 to U+009F), which are what a Windows-1252 quote or dash
# becomes when read as Latin-1, and one of which (U+0085) Python's
# splitlines() takes for a line break, shifting every line number after it.
# One definition for the content files, the settings file and the schemas.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What YAML 1.1 reads as a date (yaml.resolver's timestamp, date part).
YAML_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[Tt ])")


class LimitError(ValueError):
    """A bound passed: `problem` in French, `line` counted from 1 in the text checked (or None)."""

    def __init__(self, problem, line=None):
        super().__init__(problem)
        self.problem, self.line = problem, line


def read_bounded(path):
    """The text of `path`: at most MAX_FILE_BYTES, in UTF-8."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise LimitError(f"le fichier pèse {size // 1024} Ko, plus que les {MAX_FILE_BYTES // 1024} Ko permis "
                         "pour un texte ; une image va dans content/images/, un long texte se coupe en plusieurs pages.")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LimitError(
            f"le fichier n’est pas enregistré en UTF-8 (octet 0x{data[error.start]:02X} illisible, souvent un « é » "
            "ou un « à » venu d’un vieux logiciel). Enregistrez-le en UTF-8 (« Enregistrer sous… », "
            "encodage UTF-8) puis relancez.",
            data.count(b"\n", 0, error.start) + 1,
        ) from None
    return text


def check_characters(text, first_line=1):
    """Refuse a NUL or another invisible control character, naming its line
    (`text` starts on the file's `first_line`). YAML refuses them itself."""
    found = CONTROL.search(text)
    if found:
        raise LimitError(
            f"le texte contient un caractère invisible interdit (U+{ord(found.group()):04X}), souvent venu "
            "d’un copier-coller. Retapez le passage autour.",
            text.count("\n", 0, found.start()) + first_line,
        )


def check_yaml(yaml_text, loader=yaml.SafeLoader):
    """Walk the parser's events once: no anchor or alias, no nesting deeper
    than MAX_DEPTH, no value longer than MAX_VALUE_CHARS, no date that does
    not exist. A syntax error is left to the caller's own parse (a YAMLError)."""
    depth = 0
    for event in yaml.parse(yaml_text, Loader=loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise LimitError("les ancres et renvois YAML (« &nom », « *nom ») ne sont pas acceptés ; "
                             "écrivez chaque valeur en entier.", line)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise LimitError(f"les listes et champs sont imbriqués sur plus de {MAX_DEPTH} niveaux ; "
                                 "un en-tête n’en demande que deux ou trois.", line)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent):
            _check_scalar(event, line)


def _check_scalar(event, line):
    if len(event.value) > MAX_VALUE_CHARS:
        raise LimitError(f"une valeur dépasse {MAX_VALUE_CHARS} caractères ; un long texte va sous l’en-tête, "
                         "dans le corps de la page.", line)
    match = YAML_DATE.match(event.value) if not event.style and event.tag is None else None
    if match:
        try:
            datetime.date(*map(int, match.groups()))
        except ValueError:
            raise LimitError(f"la date « {event.value} » n’existe pas ; écrivez-la en chiffres, "
                             "année-mois-jour (2026-11-05) ou jour/mois/année (05/11/2026).", line) from None

"""Bounds on what an editor's file may hold, checked before anything parses it.

A YAML alias bomb (nine levels of `&a [*a, *a, …]`) takes minutes and all
memory to build; a list nested ten thousand levels deep overflows Python's
stack; a file saved in Latin-1 or holding a NUL byte is published garbled.
Each is refused here with a French problem, in one linear pass over the
parser's events, before any node graph exists. The content files
(core/document.py) and the settings file (core/organisation.py) share these checks.
A page's body is bounded too: Markdown reads a list nested six hundred
levels deep for seconds before Python's stack overflows; the body's
nesting is counted here, line by line, before Markdown converts it.
"""

import datetime
import re
from pathlib import Path

import yaml

from .source import in_code_blocks, prose

# A content file is a page of text, not a book; a front matter value is a
# paragraph at most. Limits far above any real page, far below trouble.
MAX_FILE_BYTES = 1024 * 1024
MAX_VALUE_CHARS = 20_000
# Levels of nesting, in a front matter (lists and fields) as in a body
# (lists, quotes `>`, HTML elements): a page needs four or five.
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


# The start of a body's line that opens a level: a quote (`>`, and the
# space after it) or a list item (`-`, `*`, `+`, `1.`, then spaces).
_MARKER = re.compile(r"(>) ?|(?:[*+-]|\d+\.) +")
_SPACE = re.compile(r" *")
# How a line that may open a level starts (other lines are read faster).
_OPENS = frozenset(" \t>*+-0123456789")
# A line that is a horizontal rule (`* * *`, `- - -`) is not three list
# items (elsewhere, Markdown may read them as items: they count).
_RULE = re.compile(r"(?:(?:- *){3,}|(?:\* *){3,}|(?:_ *){3,})$")
# The start of an HTML comment, or a start or end tag (`<https://…>` and
# `a < b` are neither).
_TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^<>]*)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# Elements whose end tag may be left out: the next one of their group ends
# them (`<li>a<li>b`, `<td>1<td>2`), as a browser reads them.
_ENDS_ITSELF = {name: group for group in ({"li"}, {"dt", "dd"}, {"tr"}, {"td", "th"}, {"thead", "tbody", "tfoot"},
                                          {"option"}, {"optgroup"}, {"p"}, {"rt", "rp"}, {"caption"}, {"colgroup"})
                for name in group}


def check_nesting(text, first_line=1):
    """Refuse a Markdown body nested more than MAX_DEPTH levels deep, naming
    the first line beyond (`text` starts on the file's `first_line`). A
    line's levels are the lists and quotes `>` it is in, and the HTML
    elements open on it; fenced code and code spans do not count
    (core/source.py). One pass, before Markdown reads the body: its parser
    recurses once per level, for seconds, until Python's stack overflows."""
    lines = text.splitlines()
    code = in_code_blocks(lines)
    elements = _open_elements(prose(text, front_matter=False), len(lines)) if "<" in text else [0] * len(lines)
    chain, block, blank = [], (0, 0), True
    for number, line in enumerate(lines):
        depth = elements[number]
        written = bool(line) and not line.isspace()
        if written and not code[number]:
            chain, block = _contained(chain, block, blank, line)
            depth += len(chain)
        blank = not written
        if depth > MAX_DEPTH:
            raise LimitError(
                f"le texte est imbriqué sur plus de {MAX_DEPTH} niveaux (listes, citations « > » ou balises "
                f"les unes dans les autres) ; ramenez-le à {MAX_DEPTH} niveaux au plus.",
                number + first_line,
            )


def _contained(chain, block, blank, line):
    """The containers `line` is in, outermost first (">" a quote, "-" a
    list), and its block's (where it starts in them, its indentation),
    after a line in `chain` whose block is `block` (`blank`: a blank line
    between). As Python-Markdown reads it, or deeper: a block (lines with
    no blank line between) starts where its first line's indentation
    leads, and its lines are indented from there; in it, `>` goes on in a
    quote (through list items), a list item is one of its list, and other
    lines go on in the last container (lazily), where they may open more."""
    indent, tokens = _prefix(line) if line[0] in _OPENS else (0, [])
    if blank:
        base, excess = _indented(chain, 0, indent)
        block = (base, indent)
    else:
        base, excess = _indented(chain, block[0], max(indent - block[1], 0))
    if excess:
        return chain, block  # indented past the lists above: code or text in the last container
    opened = []
    for token in tokens:
        if opened:
            if isinstance(token, int):  # indented inside a new quote: code or text in it
                break
            opened.append(token)
        elif token == ">" and (quote := _quote(chain, base, lazily=not blank)) is not None:
            base = quote + 1  # the quote goes on
        elif isinstance(token, int):
            base, excess = _indented(chain, base, token)
            if excess:
                return chain, block
        else:
            opened.append(token)
    if not opened:
        return (chain[:base] if blank else chain), block
    if blank or base == len(chain) or opened[0] == chain[base] == "-":
        return chain[:base] + opened, block
    return chain + opened, block  # lazily, in the last container


def _quote(chain, base, lazily):
    """Where in `chain` a `>` goes on in a quote: at `base`, or (`lazily`,
    in a block) in the first quote after the list items there; or None."""
    for index in range(base, len(chain)):
        if chain[index] == ">":
            return index
        if not lazily:
            return None
    return None


def _indented(chain, base, levels):
    """(position in `chain`, levels left): `levels` of indentation lead
    down the lists of `chain` from `base` (through its quotes, lazily)."""
    while levels and base < len(chain):
        levels -= chain[base] == "-"
        base += 1
    return base, levels


def _prefix(line):
    """(indentation, tokens) at the start of `line`: its levels of
    indentation (four columns each, tabs stopping every four columns, as
    Markdown reads them), then ">" for each quote, "-" for each list
    marker, and the levels of indentation after a quote."""
    line = line.expandtabs(4)
    indent, tokens, at = 0, [], 0
    while True:
        space = _SPACE.match(line, at).end()
        levels = (space - at) // 4
        if not at:
            indent = levels
        elif levels:
            tokens.append(levels)
        marker = None if not at and not indent and _RULE.match(line, space) else _MARKER.match(line, space)
        if not marker or len(tokens) > 2 * MAX_DEPTH:
            return indent, tokens
        tokens.append(">" if marker.group(1) else "-")
        at = marker.end()


def _open_elements(shown, count):
    """For each of the `count` lines of `shown` (the body, code blanked), how
    many HTML elements are open at most on it. An element never closed stays
    open, as in a browser. Past MAX_DEPTH, every line after counts as deep."""
    deepest, stack = [], []
    line = at = hidden = 0
    for tag in _TAG.finditer(shown):
        if tag.start() < hidden:
            continue
        name, closing = (tag.group(2) or "").lower(), tag.group(1)
        if not name:  # a comment hides its tags; one never closed, the rest of the page
            end = shown.find("-->", tag.end())
            hidden = len(shown) if end < 0 else end + 3
        elif name not in _VOID and not tag.group(3).endswith("/"):
            line, at = line + shown.count("\n", at, tag.start()), tag.start()
            while len(deepest) <= line:  # the lines since the last tag, and this one
                deepest.append(len(stack))
            _close(stack, name, closing)
            if not closing:
                stack.append(name)
                deepest[line] = max(deepest[line], len(stack))
                if len(stack) > MAX_DEPTH:
                    break
    return deepest + [len(stack)] * (count - len(deepest))


def _close(stack, name, closing):
    """End the elements an end tag `</name>` ends (back to the last <name>),
    or those the start tag <name> ends (the last of its group, when only
    elements that end themselves are open after it)."""
    group = {name} if closing else _ENDS_ITSELF.get(name)
    if not group:
        return
    for index in range(len(stack) - 1, -1, -1):
        if stack[index] in group:
            del stack[index:]
            return
        if not closing and stack[index] not in _ENDS_ITSELF:
            return

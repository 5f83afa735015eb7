"""A content file as its editor wrote it, read once: YAML front matter with
each key's line, and the Markdown body with the line it starts on, or a
French error naming the file and the line.

Pelican's own Markdown reader expects `Key: value` lines; the former Jekyll
site, and our editors, write YAML between two `---` lines. A mistake there
must name the file and the line, never drop the page silently. The reader
(plugins/yaml_front_matter), the editor commands (tasks.py) and the tests
read files here.
"""

import functools
import re
from pathlib import Path

import yaml

from .limits import LimitError, check_characters, check_nesting, check_yaml, read_bounded
from .names import editor_name

FENCE = "---"
# YAML marks count lines from 0 inside the front matter, which starts on the
# file's second line: add this to get the line an editor sees.
LINE_OFFSET = 2

# PyYAML's most common complaints, said for editors (matched as substrings).
YAML_PROBLEMS = {
    "mapping values are not allowed here": "un « : » de trop dans une valeur ; mettez la valeur entre guillemets",
    "could not find expected ':'": "un « : » manque après un nom de champ",
    "found character '\\t' that cannot start any token": "une tabulation ; indentez avec des espaces",
    "expected <block end>": "l'indentation n'est pas régulière",
    "found unexpected end of stream": "des guillemets ou un crochet ne sont pas fermés",
    "found '<stream end>'": "des guillemets ou un crochet ne sont pas fermés",
    "did not find expected": "une liste ou un champ est mal formé",
    "could not determine a constructor": "une étiquette « ! » ou « !! » que le site ne connaît pas ; retirez-la",
}


class FrontMatterError(ValueError):
    """A front matter an editor must fix; the message is for them, in French."""


class _DuplicateKeyError(yaml.constructor.ConstructorError):
    """A key written twice in one mapping."""


class _UniqueKeys:
    """A safe loader that refuses a key written twice: YAML would keep the last
    one silently, and the editor would wonder where their first value went."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise _DuplicateKeyError(
                    None,
                    None,
                    f"le champ « {key} » est écrit deux fois (déjà à la ligne "
                    f"{seen[key] + LINE_OFFSET}). Gardez-en un seul.",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """In Python: its messages are the ones _explain() knows."""


# libyaml's parser, in C, reads a front matter ten times faster; a front
# matter it refuses is read again in Python, for the messages editors get.
_FastLoader = type("_FastLoader", (_UniqueKeys, yaml.CSafeLoader), {}) if yaml.__with_libyaml__ else _UniqueKeyLoader

_BOOL = "tag:yaml.org,2002:bool"


def _yaml12_booleans(loader):
    """Only `true` and `false` are booleans, as in YAML 1.2: YAML 1.1 also
    reads `on`, `off`, `yes`, `no` so, and `title: On` would be « True »."""
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


for _loader in {_UniqueKeyLoader, _FastLoader}:
    _yaml12_booleans(_loader)


class FrontMatter:
    """What the editor wrote, kept by the reader as the page's `front_matter`
    metadata: the fields as YAML gave them (`data`, keys lower-cased, before
    Pelican adds anything), the YAML text, the Markdown body and the line it
    starts on; `lines` says where each field is; `text`, the whole file.
    Later checks (the offer schema, the links written from the root, the
    HTML allow-list's lines) read this, never the file again."""

    # What comes before the body (the fences and the YAML), as in the file; a
    # FrontMatter from an older cache (the preview's) has none: `text` is None.
    head = None

    def __init__(self, data, yaml_text, body, body_line, head=None):
        self.data, self.yaml_text, self.body, self.body_line = data, yaml_text, body, body_line
        self.head = head

    @property
    def text(self):
        """The file's text as it was read, or None when it was not kept."""
        return None if self.head is None else self.head + self.body

    @functools.cached_property
    def lines(self):
        """key_lines() of the YAML text, worked out the first time a check asks."""
        return key_lines(self.yaml_text)

    def line_in_body(self, needle):
        """The line of the file where `needle` first appears in the body (case
        ignored), or the body's first line."""
        rows = enumerate(self.body.splitlines(), start=self.body_line)
        return next((number for number, row in rows if needle.casefold() in row.casefold()), self.body_line)


def split_front_matter(text, source):
    """Return (yaml_text, body). The front matter starts on the first line."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(
            f"{source}, ligne 1 : l'en-tête YAML manque. Le fichier doit commencer "
            f"par une ligne « --- », puis les champs (title: …), puis une autre ligne « --- »."
        )
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            return "".join(lines[1:number]), "".join(lines[number + 1 :])
    raise FrontMatterError(
        f"{source}, ligne 1 : l'en-tête YAML ouvert ici par « --- » n'est pas fermé. Ajoutez une ligne « --- » "
        f"après le dernier champ, avant le texte de la page."
    )


def text_in_front_matter(data):
    """(field, problem) for each key that is a sentence, not a field name: the
    front matter was closed too late (by a `---` rule further down), and a
    paragraph of the page that holds « : » became a field."""
    return [(name, f"« {name} » n'est pas un nom de champ mais du texte : l'en-tête n'est pas fermé avant "
                   "le texte de la page. Ajoutez une ligne « --- » après le dernier champ.")
            for name in data if any(character.isspace() for character in str(name))]


def parse_front_matter(yaml_text, source):
    """Return the front matter as a dict; line numbers count from the file's top."""
    try:
        try:
            check_yaml(yaml_text, _FastLoader)
            data = yaml.load(yaml_text, Loader=_FastLoader)
        except yaml.YAMLError:
            check_yaml(yaml_text, _UniqueKeyLoader)
            data = yaml.load(yaml_text, Loader=_UniqueKeyLoader)
    except LimitError as error:
        raise FrontMatterError(f"{source}, ligne {error.line + LINE_OFFSET - 1} : {error.problem}") from None
    except _DuplicateKeyError as error:
        where = f"ligne {error.problem_mark.line + LINE_OFFSET}"
        raise FrontMatterError(f"{source}, {where} : {error.problem}") from None
    except yaml.reader.ReaderError as error:
        line = yaml_text.count("\n", 0, error.position) + LINE_OFFSET
        raise FrontMatterError(
            f"{source}, ligne {line} : l'en-tête contient un caractère invisible interdit "
            f"(U+{error.character:04X}), souvent venu d'un copier-coller. Retapez le passage autour."
        ) from None
    except yaml.MarkedYAMLError as error:
        raise FrontMatterError(
            f"{source}{_where(error, yaml_text)} : l'en-tête YAML est mal formé "
            f"({_explain(error)}). Vérifiez l'indentation, les deux-points après chaque "
            f"nom de champ, et mettez entre guillemets un texte qui contient « : » ou "
            "commence par « * », « [ » ou « { »."
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            f"{source} : l'en-tête YAML doit être une liste de champs « nom: valeur », "
            f"un par ligne."
        )
    return data


def read_front_matter(path, source=None):
    """The front matter of the file at `path` (for commands and tests)."""
    source = source or str(path)
    return parse_front_matter(split_front_matter(read_file(path, source), source)[0], source)


def read_file(path, source):
    """The text of a content file, within limits.py's bounds, or a FrontMatterError."""
    try:
        return read_bounded(path)
    except LimitError as error:
        where = f", ligne {error.line}" if error.line else ""
        raise FrontMatterError(f"{source}{where} : {error.problem}") from None


def key_lines(yaml_text):
    """The line of every key and list item, by path: {("price", "amount"): 14,
    ("objectives", 2): 9, …}. Checks that come later (the offer schema) use it
    to say where a field is; keys are lower-cased, as the reader does. A node
    met twice (an alias) is not walked again."""
    lines = {}
    seen = set()

    def walk(node, path):
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*path, str(key_node.value).lower())
                lines[child] = key_node.start_mark.line + LINE_OFFSET
                walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, index)] = item.start_mark.line + LINE_OFFSET
                walk(item, (*path, index))

    walk(yaml.compose(yaml_text, Loader=yaml.SafeLoader), ())
    return lines


def _where(error, yaml_text):
    """The line of the mistake. A bracket or quote left open is reported by
    PyYAML at the end of the front matter; the line where it opened helps more."""
    mark = error.problem_mark
    if mark is None or (error.context_mark and mark.line >= yaml_text.count("\n")):
        mark = error.context_mark
    return f", ligne {mark.line + LINE_OFFSET}" if mark else ""


def _explain(error):
    problem = str(error.problem or error)
    for english, french in YAML_PROBLEMS.items():
        if english in problem:
            return french
    return problem


def read_document(source_path, content_path):
    """The file at `source_path` (in the folder `content_path`), read once:
    its FrontMatter. Raises FrontMatterError naming the file and the line.
    The body is checked here, before Markdown reads it: no invisible
    character, no nesting deeper than limits.py allows."""
    source = editor_name(source_path, content_path)
    text = read_file(source_path, source)
    yaml_text, body = split_front_matter(text, source)
    data = {str(name).lower(): value for name, value in parse_front_matter(yaml_text, source).items()}
    body_line = text.count("\n") - body.count("\n") + 1
    try:
        check_characters(body, body_line)
        check_nesting(body, body_line)
    except LimitError as error:
        raise FrontMatterError(f"{source}, ligne {error.line} : {error.problem}") from None
    return FrontMatter(data, yaml_text, body, body_line, head=text[: len(text) - len(body)])


def source_text(path, metadata):
    """The text of the content file at `path`: the one the reader kept in the
    page's `front_matter`, or, for another reader's page (Pelican's HTML),
    the file read now."""
    front = metadata.get("front_matter")
    text = getattr(front, "text", None)
    return text if text is not None else Path(path).read_text(encoding="utf-8", errors="replace")

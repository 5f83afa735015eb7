"""The web editor's configuration (Decap CMS), generated from the schemas.

`invoke schema` writes it to admin/config.yml; a test fails when the
committed file differs from what this module produces. The forms of offers,
pages and articles, and the « Réglages » file's, are read from their
pydantic models (core/schemas/): a field added there appears in the editor
with its title as label, its description as hint, whether it is required,
and what its type refuses (one line, one sentence, a length, a duration, a
phone number, a colour, a pattern) as a pattern whose message is the build's
own sentence. What depends on where the site is published (the GitHub
repository, local mode) is added at build time by `site_config`
(plugins/web_editor).
"""

import datetime
import functools
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, StringConstraints, TypeAdapter, ValidationError, create_model

from core.appearance import HEX, LOGO
from core.choices import CHOICES
from core.messages import explain
from core.organisation import IDENTITY_FILE
from core.phones import PHONE_PATTERN
from core.problems import sentence
from core.scaffold import NEW_OFFER
from core.schemas.documents import Article, Page
from core.schemas.offer import _CONTROL, _SENTENCE_BREAK, PLACEHOLDER, UNDECIDED, Offer, Price
from core.schemas.reglages import Reglages

CONFIG = Path(__file__).with_name("admin") / "config.yml"
HEADER = ("# Configuration de l’éditeur en ligne (Decap CMS, /admin/), générée depuis\n"
          "# core/schemas/ par « make schema » : ne pas modifier à la main.\n")
# Where Decap reads and writes, from the repository's root.
CONTENT = "content"
OFFERS = "ateliers"
# Fields the form asks for on every new entry, with no value chosen in
# advance, though the file may go without them (absent: published).
ASKED = ("status",)
# The section of the réglages file open when the form opens.
FIRST_SECTION = "organisation"
# A duration as core/durations.py reads it, for the browser (JavaScript).
DURATION_PATTERN = (r"^\s*(\d{1,2}\s*([hH]|[hH]eures?)\s*([0-5]\d)?(\s*([mM]in|[mM]inutes?))?|"
                    r"\d{1,3}\s*([mM]in|[mM]inutes?)|[àÀ] définir avec l[’']équipe)\s*$")
# Rules a text must follow from end to end, for the browser: the build's
# function says the same (core/durations.py, core/phones.py, core/appearance.py;
# a colour's contrast, a logo's file are the build's alone).
WHOLE_PATTERNS = {"duration": DURATION_PATTERN, "phone": PHONE_PATTERN,
                  "colour": rf"^\s*{HEX.pattern}\s*$", "logo": rf"^\s*{LOGO.pattern}\s*$"}
BODY = {"label": "Texte de la page", "name": "body", "widget": "markdown",
        "hint": "Titres, gras, listes et liens : avec les boutons de la barre. Une image : bouton « + », "
                "puis « Image » ; écrivez ce qu’elle montre."}
# Values a text's type is tried on to learn what it refuses (the error's
# kind), in the order their messages are given: the likeliest mistake first.
PROBES = (
    ("duration", "1h30 ou"),
    ("phone", "123"),
    ("colour", "rouge"),
    ("logo", "logo.gif"),
    ("string_pattern_mismatch", "?"),
    ("one_sentence", "Une phrase. Une autre."),
    ("string_too_long", None),  # one character more than the type's maxLength
    ("placeholder", PLACEHOLDER),
    ("control_character", "\x07"),
    ("string_too_short", " "),
    ("one_line", "une\nautre"),
)
# Rules a one-line input cannot break (the browser takes line breaks out of
# what is typed or pasted): the pattern keeps them, the message leaves them out.
UNTYPABLE = ("one_line",)
# The part of a message that quotes the value, left out of the form's.
VALUE_QUOTED = {"duration": lambda value: f" « {value} »", "phone": lambda value: f" « {value} »",
                "colour": lambda value: f" « {value} »", "logo": lambda value: f" « {value} »",
                "control_character": lambda value: f" (U+{ord(value[-1]):04X})"}


def _annotated(info):
    """A field's type with its constraints (pydantic keeps them apart, in `metadata`)."""
    return typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _stripped(adapter):
    """Whether the type strips the spaces at both ends before it checks a length."""
    try:
        return adapter.validate_python(" x ") == "x"
    except ValidationError:
        return False


def _blank(adapter):
    """Whether the type reads spaces alone as no value (the réglages' unknown)."""
    try:
        return adapter.validate_python("  ") is None
    except ValidationError:
        return False


def _constraint(info, name):
    return next((getattr(item, name) for item in info.metadata if getattr(item, name, None) is not None), None)


def _model(annotation):
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _members(annotation):
    """The types of a union (`a | b`), or the annotation alone."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def model_fields(model):
    """The Decap fields of a pydantic model, in its order."""
    return [field_config(name, info) for name, info in model.model_fields.items()]


def field_config(name, info):
    """One Decap field: its widget from the field's type, required or not,
    its description as the hint, its limits as a pattern."""
    field = {"label": info.title or name, "name": name, **_widget(name, info)}
    if not info.is_required():
        field["required"] = False
        if field["widget"] in ("object", "list") and "fields" in field:
            # Folded until opened: a group most entries leave empty (Decap
            # folds an object, or each item of a list, under its label).
            field["collapsed"] = True
        if field["widget"] == "object":
            # Decap checks an object's fields even when the object is left
            # empty: an optional one would block every save. The schema still
            # asks for all of them once one is given (the build says so).
            for inner in field["fields"]:
                inner["required"] = False
    if name == "image" and field["widget"] == "object":
        # The picture itself comes from the media library (content/images/).
        field["fields"] = [{**inner, "widget": "image", "choose_url": False} if inner["name"] == "src" else inner
                           for inner in field["fields"]]
    if field["widget"] == "one_of":  # the schema's help names the file's keys; the form shows two choices
        field["hint"] = f"Choisissez « {field['fields_label']} » ou « {field['fixed_label']} »."
    elif info.description:
        field["hint"] = info.description
    return field


def _widget(name, info):
    annotation, origin = info.annotation, typing.get_origin(info.annotation)
    if name == "group_size":
        numbers = _model(typing.get_args(typing.get_args(annotation)[0])[0])
        return {"widget": "one_of", "fields_label": "Des nombres", "fixed": UNDECIDED,
                "fixed_label": UNDECIDED[:1].upper() + UNDECIDED[1:], "inputs": model_fields(numbers)}
    if annotation is Price:
        return {"widget": "one_of", "fields_label": "Un montant", "fixed": {"on_quote": True},
                "fixed_label": Price.model_fields["on_quote"].title, "shared": ["note"], "inputs": price_fields()}
    if _model(annotation):
        return {"widget": "object", "collapsed": False, "fields": model_fields(annotation)}
    members = _members(annotation)
    if datetime.date in members or datetime.datetime in members:
        # A day, as the articles' date is chosen (a text form is the file's alone).
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False,
                "picker_utc": True}
    lists = [member for member in members if typing.get_origin(member) is list]
    if lists:  # a list, or a list or one item (authors): the form writes a list
        (item,) = typing.get_args(lists[0])
        if _model(item):
            return {"widget": "list", "collapsed": False, "fields": model_fields(item)}
        if name == "propositions":
            return {"widget": "relation", "collection": OFFERS, "value_field": "{{slug}}",
                    "search_fields": ["title"], "display_fields": ["title"], "multiple": True}
        limits = {"min": _constraint(info, "min_length")} if _constraint(info, "min_length") else {}
        return {"widget": "list", "collapsed": False, **limits,
                "field": {"label": info.title, "name": "item", **_text_widget(item)}}
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        if values == (True,):
            return {"widget": "boolean"}
        labels = CHOICES.get(name, {})
        return {"widget": "select", "options": [{"label": labels.get(value, value), "value": value} for value in values]}
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is int:
        limits = {"min": _constraint(info, "ge") or (_constraint(info, "gt") or 0) + 1}
        if _constraint(info, "le"):
            limits["max"] = _constraint(info, "le")
        return {"widget": "number", "value_type": "int", **limits}
    if annotation is float:
        # Above zero (gt=0), to the cent, as the step of the field.
        return {"widget": "number", "value_type": "float", "step": 0.01,
                **({"min": 0.01} if _constraint(info, "gt") == 0 else {})}
    return _text_widget(_annotated(info), info.description)


def price_fields():
    """The amount form of a price: its fields but on_quote, those of the
    form (amount, currency, unit) required, the currency EUR by default."""
    (amount_form,) = [form["required"] for form in Price.model_config["json_schema_extra"]["oneOf"] if len(form["required"]) > 1]
    fields = []
    for name, info in Price.model_fields.items():
        if name == "on_quote":
            continue
        field = field_config(name, info)
        if name in amount_form:
            field.pop("required", None)
        fields.append({**field, **({"default": "EUR"} if name == "currency" else {})})
    return fields


def _any_case(text):
    """`text` as a JavaScript pattern that ignores case (Decap gives no flags)."""
    return "".join(f"[{char.lower()}{char.upper()}]" if char.lower() != char.upper() else char for char in text)


def _build_message(annotation, kind, probe, description):
    """The build's own sentence for an error of `kind`, as the report says
    it (offers/messages.py), without the value it quotes (the form checks
    whatever the editor types). A pattern's own words say nothing of the
    form expected: the report's fix, the field's description, comes with them."""
    model = create_model("Champ", value=(annotation, Field(description=description)))
    try:
        model.model_validate({"value": probe})
    except ValidationError as error:
        detail = next((detail for detail in error.errors() if detail["type"] == kind), None)
    else:
        detail = None
    if detail is None:
        return None
    problem = explain(detail, model, None, {})
    text = sentence(problem).removesuffix(".") if kind == "string_pattern_mismatch" else problem.message
    if kind in VALUE_QUOTED:
        text = text.replace(VALUE_QUOTED[kind](probe), "")
    return text


def text_rules(annotation, description=None):
    """{kind: message} of what a text's type refuses, in the build's words,
    and its JSON Schema (maxLength, pattern)."""
    adapter = TypeAdapter(annotation)
    # Whether pydantic strips the spaces at both ends before it checks.
    schema = {**adapter.json_schema(), "stripped": _stripped(adapter), "blank": _blank(adapter)}
    longest = schema.get("maxLength")
    rules = {}
    for kind, probe in PROBES:
        if kind == "string_too_long":
            if longest is None:
                continue
            probe = "x" * (longest + 1)
        message = _build_message(annotation, kind, probe, description)
        if message:
            rules[kind] = message
    return rules, schema


def _js_class(chars):
    """A JavaScript character class (without its brackets) of `chars`, as ranges."""
    codes, ranges = sorted(map(ord, chars)), []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(_js_char(low) + (f"-{_js_char(high)}" if high > low else "") for low, high in ranges)


def _js_char(code):
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@functools.cache
def _classes():
    """JavaScript classes of characters, as Python and pydantic see them:
    what pydantic strips (strip_whitespace: Unicode's White_Space), what
    Python's `\\s` matches (str.isspace), neither quite JavaScript's `\\s`;
    the invisible characters (_CONTROL), apart those stripped at both ends,
    which count only between two others."""
    bmp = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]
    python_space = [char for char in bmp if char.isspace()]
    stripped = TypeAdapter(typing.Annotated[str, StringConstraints(strip_whitespace=True)])
    strip = [char for char in python_space if stripped.validate_python(f"{char}x{char}") == "x"]
    invisible = [char for char in bmp if _CONTROL.fullmatch(char)]
    return {"W": f"[{_js_class(strip)}]", "S": f"[^{_js_class(strip)}]", "python_space": f"[{_js_class(python_space)}]",
            "invisible_space": f"[{_js_class(char for char in invisible if char in strip)}]",
            "invisible_other": f"[{_js_class(char for char in invisible if char not in strip)}]"}


def _pattern(rules, schema):
    """One JavaScript pattern (Decap tests it with RegExp, no flags) that
    refuses what every rule refuses: in the text once stripped of the spaces
    at both ends, as pydantic strips it (W: a space, S: anything else)."""
    classes = _classes()
    W, S = classes["W"], classes["S"]
    parts = ["^"]
    if "control_character" in rules:
        parts.append(f"(?![\\s\\S]*{classes['invisible_other']})"
                     f"(?!{W}*{S}[\\s\\S]*{classes['invisible_space']}[\\s\\S]*{S})")
    if "placeholder" in rules:
        parts.append(f"(?![\\s\\S]*{_any_case(PLACEHOLDER)})")
    if "one_sentence" in rules:
        parts.append(f"(?![\\s\\S]*{_SENTENCE_BREAK.pattern.replace(chr(92) + 's', classes['python_space'])})")
    if "one_line" in rules:  # no line break between the first and the last character
        parts.append(f"(?!{W}*{S}[^\\n]*\\n{W}*{S})")
    if "string_too_long" in rules and schema.get("stripped"):  # the first and the last character further apart
        parts.append(f"(?!{W}*{S}[\\s\\S]{{{schema['maxLength'] - 1}}}[\\s\\S]*{S})")
    elif "string_too_long" in rules:
        parts.append(f"(?![\\s\\S]{{{schema['maxLength'] + 1}}})")
    if "string_too_short" in rules:
        parts.append(f"(?={W}*{S})")
    for kind, whole in WHOLE_PATTERNS.items():
        if kind in rules and schema.get("blank"):  # spaces alone: not known yet
            return "".join(parts) + f"(?:{classes['python_space']}*$|{whole.removeprefix('^')})"
        if kind in rules:
            return "".join(parts) + whole.removeprefix("^")
    if "string_pattern_mismatch" in rules:
        return "".join(parts) + schema["pattern"].removeprefix("^")
    return "".join(parts)


def form_message(messages):
    """The build's sentences, one after the other. Decap shows it as « Le
    champ X ne correspond pas au schéma: <message>. »: no final full stop,
    and no capital for the first."""
    messages = list(messages)
    return ". ".join([messages[0], *(message[:1].upper() + message[1:] for message in messages[1:])]).rstrip(".")


def _text_widget(annotation, description=None):
    """A text's widget, from what its type accepts: one line (string) or
    several (text), and what it refuses, as a pattern with the build's words."""
    rules, schema = text_rules(annotation, description)
    one_line = "one_line" in rules or "maxLength" in schema or "pattern" in schema
    widget = {"widget": "string" if one_line else "text"}
    if rules:
        said = [message for kind, message in rules.items() if not (one_line and kind in UNTYPABLE)]
        widget["pattern"] = [_pattern(rules, schema), form_message(said)]
    return widget


def with_defaults(fields, defaults):
    """`fields` with the values a new entry starts with (nested for objects)."""
    result = []
    for field in fields:
        value = defaults.get(field["name"])
        if isinstance(value, dict) and field["widget"] == "object":
            field = {**field, "fields": with_defaults(field["fields"], value)}
        elif value is not None:
            field = {**field, "default": value}
        result.append(field)
    return result


def asked(fields, names=ASKED):
    """`fields` in which `names` must be chosen (required, no default)."""
    result = []
    for field in fields:
        if field["name"] in names:
            field = {key: value for key, value in field.items() if key not in ("required", "default")}
        result.append(field)
    return result


def folder_collection(name, label, singular, folder, fields, **options):
    return {"name": name, "label": label, "label_singular": singular, "folder": f"{CONTENT}/{folder}",
            "create": True, "extension": "md", "format": "yaml-frontmatter", "slug": "{{slug}}",
            "identifier_field": "title", "summary": "{{title}}", **options, "fields": [*fields, BODY]}


def reglages_fields():
    """The « Réglages » form, from the réglages schema: every key in the
    file's order, all optional (an empty one is unknown, and the legal notice
    says so); the association's section open, the others folded."""
    return [{**field, "collapsed": field["name"] != FIRST_SECTION} for field in model_fields(Reglages)]


def cms_config():
    """Every collection of the web editor, as a dict ready for YAML."""
    new_offer = {name: value for name, value in NEW_OFFER.items() if name not in ASKED}
    return {
        "locale": "fr",
        # File names of new entries as Pelican's slugify makes them: no accents.
        "slug": {"encoding": "ascii", "clean_accents": True},
        "media_folder": f"{CONTENT}/images",
        "public_folder": "/images",
        "collections": [
            folder_collection(OFFERS, "Ateliers", "Atelier", OFFERS,
                              asked(with_defaults(model_fields(Offer), new_offer)), sortable_fields=["order", "title"]),
            folder_collection("ressources", "Ressources", "Article", "ressources", model_fields(Article),
                              sortable_fields=["date", "title"]),
            folder_collection("pages", "Pages", "Page", "pages", model_fields(Page)),
            {"name": "reglages", "label": "Réglages", "files": [
                {"name": "identite", "label": "Identité de l’association", "file": f"{CONTENT}/{IDENTITY_FILE}",
                 "format": "yaml", "fields": reglages_fields()}]},
        ],
    }


# libyaml's dumper and loader when PyYAML has them (its wheels do): the same
# text, in a tenth of the time, at every build.
DUMPER = getattr(yaml, "CDumper", yaml.Dumper)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump(data):
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)


def config_text():
    return HEADER + dump(cms_config())

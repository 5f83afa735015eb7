"""The schemas as files: JSON Schema (for editors' tools and other
programs) and the table of fields in the editor guide, from the registry
of core/schemas/.

`invoke schema` writes them, with the web editor's configuration
(plugins/web_editor/config.py); a test fails when a committed file differs
from what this module writes.
"""

import json
import re
from pathlib import Path

from .choices import CHOICES
from .schemas import SCHEMA_FILES, Offer, QualiopiOffer

GUIDE = "docs/guide-redaction.md"
TABLE_START = "<!-- début de la table des champs : générée par « invoke schema », ne pas modifier à la main -->"
TABLE_END = "<!-- fin de la table des champs -->"
TYPES = {"string": "texte", "integer": "nombre entier", "number": "nombre",
         "boolean": "true (oui) ou false (non)"}


def json_schema(model):
    """The model's JSON Schema, without the `default: null` of optional fields
    (absent is allowed; null is not)."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return _without_null_defaults(schema)


def _without_null_defaults(node):
    if isinstance(node, dict):
        return {key: _without_null_defaults(value) for key, value in node.items() if not (key == "default" and value is None)}
    if isinstance(node, list):
        return [_without_null_defaults(value) for value in node]
    return node


def schema_text(model):
    return json.dumps(json_schema(model), ensure_ascii=False, indent=2) + "\n"


def fields_table(schema, qualiopi_schema):
    """The guide's Markdown table: one row per field, nested fields as « price.amount »."""
    rows = ["| Champ | Obligatoire | Type | Ce qu’il contient |", "| --- | --- | --- | --- |"]
    definitions = schema.get("$defs", {})
    qualiopi_required = set(qualiopi_schema.get("required", []))
    for name, field, required in _fields(schema, definitions):
        if isinstance(required, list):
            mandatory = "ou bien " + ", ".join(f"`{other}`" for other in required)
        elif required:
            mandatory = "oui"
        elif name in qualiopi_required:
            mandatory = "avec Qualiopi"
        else:
            mandatory = "non"
        description = field.get("description", "").replace("|", "\\|")
        rows.append(f"| `{name}` | {mandatory} | {_type(field, definitions)} | {description} |")
    return "\n".join(rows) + "\n"


def _fields(schema, definitions, prefix=""):
    """(dotted name, field schema, required) for every field, nested ones after
    their parent. `required` is a list when the field is one of two forms
    (price: on_quote, or amount + currency + unit): the fields of the other form."""
    required = set(schema.get("required", []))
    forms = [alternative["required"] for alternative in schema.get("oneOf", [])]
    for name, field in schema.get("properties", {}).items():
        others = [other for form in forms if name not in form for other in form]
        in_a_form = any(name in form for form in forms)
        yield prefix + name, field, others if in_a_form else name in required
        nested = _nested(field, definitions)
        if nested:
            yield from _fields(nested, definitions, f"{prefix}{name}.")


def _nested(field, definitions):
    """The object schema a field holds directly, or as the items of its list."""
    target = field.get("items", field)
    reference = target.get("$ref")
    return definitions[reference.rsplit("/", 1)[-1]] if reference else None


def _type(field, definitions):
    if "enum" in field:  # each value with what the web editor's form shows for it
        labels = {value: label for choices in CHOICES.values() for value, label in choices.items()}
        return "un de : " + ", ".join(f"`{value}`" + (f" (« {labels[value]} »)" if value in labels else "")
                                      for value in field["enum"])
    if "const" in field:
        return f"`{json.dumps(field['const'])}`"
    if "oneOf" in field:
        return " ou ".join(_type(option, definitions) for option in field["oneOf"])
    if "$ref" in field:
        return "champs"
    if field.get("type") == "array":
        items = field.get("items", {})
        return "liste de champs" if "$ref" in items else f"liste ({_type(items, definitions)})"
    if field.get("format") == "date":
        return "date (2026-11-05)"
    return TYPES.get(field.get("type"), field.get("type", ""))


def guide_text(current):
    """The guide with its table of fields replaced by the generated one."""
    table = fields_table(json_schema(Offer), json_schema(QualiopiOffer))
    pattern = re.compile(re.escape(TABLE_START) + r".*?" + re.escape(TABLE_END), re.DOTALL)
    if not pattern.search(current):
        raise ValueError(f"{GUIDE} : les repères de la table des champs ont disparu ({TABLE_START} … {TABLE_END}).")
    return pattern.sub(lambda _: f"{TABLE_START}\n\n{table}\n{TABLE_END}", current)


def expected_files(root):
    """{path: text} of every generated file, as it should be committed."""
    root = Path(root)
    files = {path: schema_text(model) for path, model in SCHEMA_FILES.items()}
    files[GUIDE] = guide_text((root / GUIDE).read_text(encoding="utf-8"))
    return files


def write_files(root, others=None):
    """Write the generated files that changed, and `others` ({path: text},
    the web editor's form, which its plugin generates); return their paths."""
    changed = []
    for path, text in {**expected_files(root), **(others or {})}.items():
        target = Path(root) / path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed

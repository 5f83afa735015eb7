"""The text of a new offer file (`invoke new-offer "Titre"`): every field of
the schema, each with a comment in French, from scaffold.md."""

import json
from pathlib import Path
from string import Template

SCAFFOLD = Path(__file__).with_name("scaffold.md")


def scaffold_text(title, slug, order, other_slugs):
    """`other_slugs`: existing offers, to show how propositions are written."""
    propositions = "".join(f"\n  - {other}" for other in other_slugs[:2]) or " []"
    return Template(SCAFFOLD.read_text(encoding="utf-8")).substitute(
        # JSON strings are YAML double-quoted strings: quotes and backslashes escaped.
        title=json.dumps(title, ensure_ascii=False)[1:-1],
        slug=slug,
        order=order,
        propositions=propositions,
    )

"""The text of a new offer file (`invoke new-offer "Titre"`): every field of
the schema, each with a comment in French, from scaffold.md. But one, shown
commented out: `modified`, the day of an update, which a new offer has not
had (any value there would be a made-up date, and a placeholder would stop
Pelican reading the draft)."""

import json
from pathlib import Path
from string import Template

from .schemas.offer import UNDECIDED

SCAFFOLD = Path(__file__).with_name("scaffold.md")
# The fields scaffold.md shows commented out (see above).
COMMENTED_OUT = ("modified",)
# What a new offer starts with, in scaffold.md and in the web editor's form
# (plugins/web_editor/config.py): a draft, on quote, its modalities still to
# be decided. A test checks that scaffold.md writes these values.
NEW_OFFER = {
    "status": "draft",
    "modalities": dict.fromkeys(("duration", "frequency", "group_size", "format", "commitment"), UNDECIDED),
    "price": {"on_quote": True},
    "compare": False,
}


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

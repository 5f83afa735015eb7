"""A new offer (`invoke new-offer "Titre"`): the fields the build requires,
each with the placeholder the build refuses once the offer is published,
and the first values of the web editor's form (NEW_OFFER), a draft. The
command saves it in the web editor's layout (web_editor/layout.py), so that
the first save in /admin/ changes only what the editor changes; what each
field means is in docs/guide-redaction.md and the form's hints, not in
comments (Decap drops comments when it saves)."""

import typing
from pathlib import Path

import yaml

from .schemas.offer import PLACEHOLDER, UNDECIDED, Offer

# The page's text of a new offer, under its front matter.
SCAFFOLD = Path(__file__).with_name("scaffold.md")
# What a new offer starts with, in `invoke new-offer` and in the web editor's
# form (plugins/web_editor/config.py): a draft, on quote, its modalities still
# to be decided, out of the comparison table.
NEW_OFFER = {
    "status": "draft",
    "modalities": dict.fromkeys(("duration", "frequency", "group_size", "format", "commitment"), UNDECIDED),
    "price": {"on_quote": True},
    "compare": False,
}


def new_offer_data(title, slug, order):
    """The front matter of a new offer, as a dict."""
    data = {"title": title, "slug": slug}
    for name, field in Offer.model_fields.items():
        if field.is_required() and name not in data and name not in NEW_OFFER:
            data[name] = [PLACEHOLDER] if typing.get_origin(field.annotation) is list else PLACEHOLDER
    return {**data, **NEW_OFFER, "order": order}


def scaffold_text(title, slug, order):
    """The new offer's file, before `invoke new-offer` saves it in the web
    editor's layout (the values are the same in both)."""
    front_matter = yaml.safe_dump(new_offer_data(title, slug, order), allow_unicode=True, sort_keys=False)
    return f"---\n{front_matter}---\n\n{SCAFFOLD.read_text(encoding='utf-8')}"

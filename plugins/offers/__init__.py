"""Offers as structured content: one schema (core/schemas/offer.py), checked
before anything is written, and shown the same way on every page (the
filters of core/prices.py and core/durations.py).

Offers are the pages of content/ateliers/. Their problems are logged as
errors, which strict_build turns into the build's report.

Pelican's signals: `initialized` (settings' defaults), `generator_init`
(the templates' filters), `page_generator_finalized` (each offer checked,
dated, given its JSON-LD; the published ones shared as `offers`).
"""

import functools

from pelican import signals

from core.durations import show_duration
from core.plugins import apply_defaults, require
from core.prices import UNIT_LABELS, format_group_size, format_price

from .jsonld import offer_json_ld
from .updated import committed_dates, date_offers
from .validation import check_offers

__all__ = ["DEFAULTS", "committed_dates", "date_offers", "offer_json_ld", "register"]

DEFAULTS = {
    # The folder of content/ whose pages are offers.
    "OFFERS_PATH": "ateliers",
    # A certified training provider (Qualiopi) must publish more on each offer.
    "OFFERS_QUALIOPI": False,
    # How each price unit reads on the site.
    "OFFERS_UNIT_LABELS": dict(UNIT_LABELS),
    # How many offers the home page and a page's side column show (the theme).
    "OFFERS_ON_HOME": 6,
    "OFFERS_IN_SIDE_COLUMN": 8,
}


def set_defaults(pelican):
    require(pelican.settings, "offers", "yaml_front_matter", "strict_build")
    apply_defaults(pelican.settings, DEFAULTS)


def check_and_share(generator):
    """Check the offers; give each the day its information last changed
    (`updated`), its JSON-LD, and every template the published ones, in order."""
    settings = generator.settings
    offers = check_offers([*generator.pages, *generator.hidden_pages], settings)
    date_offers(offers, generator.path, settings)
    for page in offers:
        page.json_ld = offer_json_ld(page, settings)
    generator.context["offers"] = [page for page in offers if page.status == "published"]


def add_filters(generator):
    labels = generator.settings["OFFERS_UNIT_LABELS"]
    generator.env.filters["duration"] = show_duration
    generator.env.filters["price"] = functools.partial(format_price, labels=labels)
    generator.env.filters["group_size"] = format_group_size
    # JSON-LD stays readable: accents as they are (`tojson` still escapes < > & ').
    generator.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}


def register():
    signals.initialized.connect(set_defaults)
    signals.generator_init.connect(add_filters)
    signals.page_generator_finalized.connect(check_and_share)

"""The comparison of the offers, side by side: one column per offer marked
`compare: true` (or the first COMPARISON_LIMIT in `order`: selection.py),
one row per criterion set in COMPARISON_CRITERIA; a missing value is marked,
never left blank; the price per person and per hour is shown where two
offers can be compared on it. Below it, every offer, grouped by method.

Pelican's signals: `initialized` (settings' defaults), `get_generators` (the
generator that checks the criteria and writes the page).
"""

from pelican import signals

from core.plugins import adds, apply_defaults, require

from .criteria import all_criteria, build_rows, check_criteria, known_criteria
from .generator import ComparisonGenerator
from .selection import by_method, compared_offers
from .unit_price import per_person_hour

__all__ = [
    "ComparisonGenerator", "all_criteria", "by_method", "compared_offers", "build_rows", "check_criteria", "known_criteria",
    "per_person_hour", "register",
]

DEFAULTS = {
    "COMPARISON_URL": "ateliers/comparatif/",
    "COMPARISON_SAVE_AS": "ateliers/comparatif/index.html",
    "COMPARISON_TITLE": "Comparer nos ateliers",
    # At most this many columns: beyond, a table is no longer read.
    "COMPARISON_LIMIT": 8,
    # Without the setting, every criterion, labelled with the field's title
    # in the schema; pelicanconf.py chooses the site's rows.
    "COMPARISON_CRITERIA": all_criteria(),
}


def set_defaults(pelican):
    require(pelican.settings, "comparison", "offers", "strict_build")
    apply_defaults(pelican.settings, DEFAULTS)


add_generator = adds(ComparisonGenerator)


def register():
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(add_generator)

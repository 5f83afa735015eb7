"""The comparison of the offers, side by side: one column per published
offer (in `order`), one row per criterion set in COMPARISON_CRITERIA; a
missing value is marked, never left blank; the price per person and per hour
is shown where two offers can be compared on it.
"""

from pelican import signals

from .criteria import all_criteria, build_rows, check_criteria, known_criteria
from .generator import ComparisonGenerator
from .unit_price import per_person_hour

__all__ = [
    "ComparisonGenerator", "all_criteria", "build_rows", "check_criteria", "known_criteria", "per_person_hour", "register",
]

DEFAULTS = {
    "COMPARISON_URL": "ateliers/comparatif/",
    "COMPARISON_SAVE_AS": "ateliers/comparatif/index.html",
    "COMPARISON_TITLE": "Comparer nos ateliers",
    # Without the setting, every criterion, labelled with the field's title
    # in the schema; pelicanconf.py chooses the site's rows.
    "COMPARISON_CRITERIA": all_criteria(),
}


def set_defaults(pelican):
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def add_generator(pelican):
    return ComparisonGenerator


def register():
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(add_generator)

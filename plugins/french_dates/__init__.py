"""A Jinja filter that writes dates in French (« 21 novembre 2026 »).

Pelican formats dates with the system locale, and most machines (CI among
them) have no French locale installed; month names are few enough to list.

Pelican's signals: `generator_init` (the `french_date` filter).
"""

from pelican import signals

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def french_date(value):
    """`1er` for the first day, as French usage wants."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def add_filter(generator):
    generator.env.filters["french_date"] = french_date


def register():
    signals.generator_init.connect(add_filter)

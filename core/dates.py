"""Dates in French (« 21 novembre 2026 »), for the pages (the `french_date`
filter of plugins/french_dates) and the web editor's preview.

Pelican formats dates with the system locale, and most machines (CI among
them) have no French locale installed; month names are few enough to list.
"""

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def french_date(value):
    """`1er` for the first day, as French usage wants."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"

"""A Jinja filter that writes dates in French (« 21 novembre 2026 »), with
core.dates (which the web editor's preview uses too).

Pelican's signals: `generator_init` (the `french_date` filter).
"""

from pelican import signals

from core.dates import french_date


def add_filter(generator):
    generator.env.filters["french_date"] = french_date


def register():
    signals.generator_init.connect(add_filter)

"""French typography on every page a visitor reads (rules.py, html.py).

Applied once to each HTML page as its template renders it: every
generator's Jinja environment renders with FrenchTemplate (Jinja's public
`template_class`), so the typography covers the content, the titles, the
summaries, the offers' fields and the theme's own words alike, and no
template has to remember a filter. Pelican's writer, and any other plugin's,
then writes the page as usual. The Jinja filter `french` is for text that
goes into an attribute (the meta description), which the page pass leaves alone.

Pelican's typogrify (TYPOGRIFY) is not used: its filters are made for
English (the README says why). A site in another language sets FRENCH_TYPOGRAPHY = False:
the pages are then written as they are, and the filter only escapes.

Pelican's signals: `initialized` (FRENCH_TYPOGRAPHY and the `french`
filter), `generator_init` (every page rendered goes through `french`).
"""

from jinja2 import Template
from markupsafe import Markup, escape
from pelican import signals

from core.plugins import apply_defaults

from .html import french
from .rules import french_text

__all__ = ["DEFAULTS", "FrenchTemplate", "french", "french_filter", "french_text", "register"]

DEFAULTS = {
    # False: pages are written as they are (a site in another language).
    "FRENCH_TYPOGRAPHY": True,
}


_enabled = {"pages": True}


def french_filter(value):
    """Jinja: text (escaped first) or markup, set in French typography."""
    markup = value if isinstance(value, Markup) else escape(value)
    return Markup(french(str(markup))) if _enabled["pages"] else markup


class FrenchTemplate(Template):
    """A Jinja template whose HTML pages come out in French typography.
    Only a page as a whole passes here: included templates and macros are
    part of the page that uses them."""

    def render(self, *args, **kwargs):
        html = super().render(*args, **kwargs)
        context = args[0] if args and isinstance(args[0], dict) else kwargs
        if str(context.get("output_file", "")).endswith(".html"):
            return french(html)
        return html


def set_up(pelican):
    apply_defaults(pelican.settings, DEFAULTS)
    _enabled["pages"] = bool(pelican.settings["FRENCH_TYPOGRAPHY"])
    pelican.settings.setdefault("JINJA_FILTERS", {})["french"] = french_filter


def use_french_templates(generator):
    """Every page this generator renders goes through `french`."""
    if _enabled["pages"]:
        generator.env.template_class = FrenchTemplate


def register():
    signals.initialized.connect(set_up)
    signals.generator_init.connect(use_french_templates)

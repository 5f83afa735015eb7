"""French typography on every page a visitor reads (rules.py, html.py).

Applied once to each HTML page as Pelican renders it, before it is
written, so it covers the content, the titles, the summaries, the offers'
fields and the theme's own words alike, and no template has to remember a
filter. The Jinja filter `french` is for text that goes into an attribute
(the meta description), which the page pass leaves alone.

Pelican's typogrify stays off (TYPOGRIFY = False): it is made for English.
A site in another language sets FRENCH_TYPOGRAPHY = False: the pages are
then written as they are, and the filter only escapes.
"""

from markupsafe import Markup, escape
from pelican import signals
from pelican.writers import Writer

from .html import french
from .rules import french_text

__all__ = ["french", "french_filter", "french_text", "register"]


_enabled = {"pages": True}


def french_filter(value):
    """Jinja: text (escaped first) or markup, set in French typography."""
    markup = value if isinstance(value, Markup) else escape(value)
    return Markup(french(str(markup))) if _enabled["pages"] else markup


def set_up(pelican):
    _enabled["pages"] = bool(pelican.settings.setdefault("FRENCH_TYPOGRAPHY", True))
    pelican.settings.setdefault("JINJA_FILTERS", {})["french"] = french_filter


class FrenchTemplate:
    """A Jinja template whose HTML pages come out in French typography."""

    def __init__(self, template):
        self.template = template

    def render(self, context):
        html = self.template.render(context)
        return french(html) if str(context.get("output_file", "")).endswith(".html") else html


class FrenchWriter(Writer):
    """Pelican's writer, typesetting each page between rendering and
    writing: the page is written once, never read back and rewritten."""

    def write_file(self, name, template, context, *args, **kwargs):
        return super().write_file(name, FrenchTemplate(template), context, *args, **kwargs)


def french_writer(pelican):
    return FrenchWriter if _enabled["pages"] else None


def register():
    signals.initialized.connect(set_up)
    signals.get_writer.connect(french_writer)

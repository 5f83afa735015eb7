"""French typography on every page a visitor reads (rules.py, html.py).

Applied once to each HTML page between rendering and writing (a filter of
plugins/page_writer), so it covers the content, the titles, the summaries,
the offers' fields and the theme's own words alike, and no template has to
remember a filter. The Jinja filter `french` is for text that goes into an
attribute (the meta description), which the page pass leaves alone.

Pelican's typogrify stays off (TYPOGRIFY = False): it is made for English.
A site in another language sets FRENCH_TYPOGRAPHY = False: the pages are
then written as they are, and the filter only escapes.
"""

from markupsafe import Markup, escape
from page_writer import HTML_FILTERS
from pelican import signals

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
    if _enabled["pages"]:
        HTML_FILTERS["french"] = french
    else:
        HTML_FILTERS.pop("french", None)


def register():
    signals.initialized.connect(set_up)

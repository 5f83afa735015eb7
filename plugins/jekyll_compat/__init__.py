"""Build pages of the former Jekyll site as they are: `layout:` and kramdown citations.

Pelican's signals: `initialized` (the citation extension of Markdown),
`page_generator_context` and `article_generator_context` (`layout:` as a template).
"""

from pelican import signals

from .citations import CitationExtension, wrap_citations
from .layout import LayoutError, apply_layout

__all__ = ["CitationExtension", "LayoutError", "apply_layout", "register", "wrap_citations"]


def add_citation_extension(pelican):
    """Append the citation extension to MARKDOWN without changing the settings
    module's own dict (rebuilds in one process would append it again)."""
    markdown = dict(pelican.settings["MARKDOWN"])
    markdown["extensions"] = [*markdown.get("extensions", []), CitationExtension()]
    pelican.settings["MARKDOWN"] = markdown


def use_layout(generator, metadata):
    apply_layout(metadata, generator.settings)


def register():
    signals.initialized.connect(add_citation_extension)
    signals.page_generator_context.connect(use_layout)
    signals.article_generator_context.connect(use_layout)

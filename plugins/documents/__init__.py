"""Pages and articles as checked documents, as offers are: one schema each
(core/schemas/documents.py), every problem named with its file and line
(validation.py); and no file of content/ skipped in silence (unread.py).

Problems (core/problems.py) are logged as errors, which strict_build turns
into the build's report before anything is written.

Pelican's signals: `initialized` (settings' defaults), `page_generator_finalized`
(pages checked, unread files named), `article_generator_finalized` (articles checked).
"""

import logging

from pelican import signals

from core.plugins import apply_defaults, require
from core.problems import Problem
from core.schemas import Article, Page

from .unread import advice, unread_files
from .validation import check_document, check_documents

__all__ = ["check_document", "check_documents", "register", "unread_files"]

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Files and folders of content/ read by our plugins rather than Pelican's
    # readers: the pictures (plugins/pictures), the organisation's settings file
    # (core/organisation.py).
    "DOCUMENTS_OTHER_FILES": ["images", "reglages.yml"],
    # Fields a third-party plugin reads in pages and articles (og_image…):
    # accepted as they are, beside the schema's.
    "DOCUMENTS_EXTRA_FIELDS": [],
}


def set_defaults(pelican):
    require(pelican.settings, "documents", "offers", "yaml_front_matter", "strict_build")
    apply_defaults(pelican.settings, DEFAULTS)


def check_pages(generator):
    pages = [*generator.pages, *generator.hidden_pages, *generator.draft_pages, *generator.translations,
             *generator.hidden_translations, *generator.draft_translations]
    check_documents(pages, Page, generator.settings)
    name_unread_files(generator)


def check_articles(generator):
    articles = [*generator.articles, *generator.translations, *generator.drafts, *generator.drafts_translations]
    check_documents(articles, Article, generator.settings)


def name_unread_files(generator):
    """Log, as an error, each file of content/ that no reader takes."""
    settings = generator.settings
    extensions = set(generator.readers.extensions)
    folder = generator.path.rstrip("/").rsplit("/", 1)[-1]
    for relative in unread_files(generator.path, extensions, settings):
        problem = Problem("ce fichier ne sera pas publié", file=f"{folder}/{relative}",
                          fix=advice(relative, extensions, settings))
        logger.error("%s", problem)


def register():
    signals.initialized.connect(set_defaults)
    signals.page_generator_finalized.connect(check_pages)
    signals.article_generator_finalized.connect(check_articles)

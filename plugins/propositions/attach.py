"""Give every published page and article the offers it proposes, once all of
them are read: `proposed_offers`, which templates list."""

import logging
from pathlib import Path

from core.messages import field_problem
from core.names import editor_path
from core.schemas import is_offer

from .resolve import others, resolve

logger = logging.getLogger(__name__)


def attach_propositions(context, settings):
    """Resolve each page's propositions; log each problem as an error, which
    strict_build reports before anything is written."""
    pages = [*context.get("pages", []), *context.get("hidden_pages", [])]
    offer_pages = [page for page in pages if is_offer(page, settings)]
    offers = {page.slug: page for page in offer_pages if page.offer is not None}
    drafts = {page.slug for page in context.get("draft_pages", []) if is_offer(page, settings)}
    broken = {page.slug for page in offer_pages if page.offer is None} | unread_offers(
        [*pages, *context.get("draft_pages", [])], settings)
    listed = context.get("offers", [])
    for content in [*context.get("articles", []), *context.get("hidden_articles", []), *pages]:
        an_offer = is_offer(content, settings)
        if an_offer and content.offer is None:
            continue  # its own front matter is wrong, and reported already
        names = content.metadata.get("propositions")
        if names is not None:
            own_slug = content.slug if an_offer else None
            content.proposed_offers, problems = resolve(names, offers, drafts, broken, own_slug)
            report(content, problems, settings)
        elif an_offer:
            content.proposed_offers = others(content, listed, settings["PROPOSITIONS_DEFAULT_COUNT"])


def unread_offers(pages, settings):
    """The names of the offer files Pelican could not read at all (their
    error is reported already): naming one in `propositions` is no second
    mistake. A file's slug is its name (SLUGIFY_SOURCE = "basename")."""
    read = {Path(page.source_path).resolve() for page in pages}
    folder = Path(settings["PATH"]) / settings["OFFERS_PATH"]
    return {path.stem for path in folder.rglob("*.md") if path.resolve() not in read}


def report(content, problems, settings):
    """One error per problem, with the file and the line of the item, as
    the reader kept them (the page's `front_matter`)."""
    if not problems:
        return
    source = editor_path(content, settings)
    lines = content.metadata["front_matter"].lines
    for index, reason in problems:
        line = lines.get(("propositions", index), lines.get(("propositions",)))
        logger.error("%s", field_problem(source, line, "propositions", index, reason))

"""Check every offer's front matter against the schema, once all pages are read.

Each problem is logged as an error naming file, line and field; strict_build
gathers them with the build's other problems into one report and stops the
build before anything is written. A valid offer gets its checked data as
`page.offer`, which templates read.
"""

import logging
from pathlib import Path

from pydantic import ValidationError
from yaml_front_matter import editor_path, key_lines, split_front_matter

from .messages import explain_all
from .schema import PLACEHOLDER, offer_model

logger = logging.getLogger(__name__)


def is_offer(page, settings):
    """Offers are the pages in the offers folder (content/ateliers/)."""
    folder = Path(settings["OFFERS_PATH"])
    return folder in Path(page.relative_source_path).parents


# What Pelican adds to every page's metadata.
PELICAN_ADDED = {"reader", "template"}


def front_matter(page, settings):
    """What the editor wrote: the page's metadata without the values that
    Pelican or the settings add to every page or folder (url_prefix…)."""
    added = set(settings["DEFAULT_METADATA"]) | PELICAN_ADDED
    for values in settings["EXTRA_PATH_METADATA"].values():
        added |= set(values)
    return {name: value for name, value in page.metadata.items() if name not in added}


def check_offer(page, settings):
    """The checked offer, or None after logging each of its problems.
    The file is read again only when there is a problem to locate."""
    model = offer_model(settings)
    try:
        offer = model.model_validate(front_matter(page, settings))
        problems = []
    except ValidationError as error:
        offer, problems = None, error.errors()
    placeholder_left = PLACEHOLDER.casefold() in page._content.casefold()
    if not problems and not placeholder_left:
        return offer
    # Logged outside `except`: the log would otherwise carry pydantic's
    # English traceback along with our French message.
    source = editor_path(page, settings)
    text = Path(page.source_path).read_text(encoding="utf-8")
    yaml_text, body = split_front_matter(text, source)
    if placeholder_left:
        logger.error("%s, ligne %s : le texte de la page contient encore « %s » du modèle : écrivez le vrai texte.",
                     source, _line_of(PLACEHOLDER, text, body), PLACEHOLDER)
    for message in explain_all(problems, model, source, key_lines(yaml_text)):
        logger.error("%s", message)
    return None if placeholder_left else offer


def _line_of(needle, text, body):
    """The line of the file where `needle` first appears in the body."""
    body_start = text.count("\n") - body.count("\n")
    rows = enumerate(body.splitlines(), start=body_start + 1)
    return next((number for number, row in rows if needle.casefold() in row.casefold()), body_start + 1)


def check_offers(pages, settings):
    """Published or hidden offers, each with its checked data, in `order`
    (then title): the order of every list of offers on the site."""
    offers = []
    for page in pages:
        if not is_offer(page, settings):
            continue
        page.offer = check_offer(page, settings)
        if page.offer is not None:
            offers.append(page)
    return sorted(offers, key=lambda page: (page.offer.order or float("inf"), page.title))

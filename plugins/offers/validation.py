"""Check every offer's front matter against the schema, once all pages are read.

Each problem is logged as an error naming file, line and field; strict_build
gathers them with the build's other problems into one report and stops the
build before anything is written. A valid offer gets its checked data as
`page.offer`, which templates read.
"""

import logging
from pathlib import Path

from pydantic import ValidationError
from yaml_front_matter import key_lines, split_front_matter

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
    """The checked offer, or None after logging each of its problems."""
    model = offer_model(settings)
    source = f"{Path(settings['PATH']).name}/{Path(page.relative_source_path).as_posix()}"
    text = Path(page.source_path).read_text(encoding="utf-8")
    yaml_text, body = split_front_matter(text, source)
    if PLACEHOLDER.casefold() in body.casefold():
        line = text.count("\n") - body.count("\n") + next(
            number for number, row in enumerate(body.splitlines(), 1) if PLACEHOLDER.casefold() in row.casefold()
        )
        logger.error("%s, ligne %s : le texte de la page contient encore « %s » du modèle : écrivez le vrai texte.",
                     source, line, PLACEHOLDER)
    try:
        offer = model.model_validate(front_matter(page, settings))
    except ValidationError as error:
        problems = error.errors()
    else:
        return offer
    # Logged outside `except`: the log would otherwise carry pydantic's
    # English traceback along with our French message.
    for message in explain_all(problems, model, source, key_lines(yaml_text)):
        logger.error("%s", message)
    return None


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

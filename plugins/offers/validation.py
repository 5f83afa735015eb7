"""Check every offer's front matter against the schema, once all pages are read.

Each problem is logged as an error naming file, line and field; strict_build
gathers them with the build's other problems into one report and stops the
build before anything is written. A valid offer gets its checked data as
`page.offer`, which templates read.
"""

import logging

from pydantic import ValidationError

from core.messages import explain_all
from core.names import editor_path
from core.schemas import is_offer, offer_model
from core.schemas.offer import PLACEHOLDER

logger = logging.getLogger(__name__)


def check_offer(page, settings):
    """The checked offer, or None after logging each of its problems. What
    is checked is what the editor wrote, as the reader kept it (the page's
    `front_matter`): nothing Pelican adds, such as a date taken from the
    file's name, and the file is not read again."""
    model = offer_model(settings)
    written = page.metadata["front_matter"]
    try:
        offer = model.model_validate(written.data)
        problems = []
    except ValidationError as error:
        offer, problems = None, error.errors()
    placeholder_left = PLACEHOLDER.casefold() in written.body.casefold()
    if not problems and not placeholder_left:
        return offer
    # Logged outside `except`: the log would otherwise carry pydantic's
    # English traceback along with our French message.
    source = editor_path(page, settings)
    if placeholder_left:
        logger.error("%s, ligne %s : le texte de la page contient encore « %s » du modèle : écrivez le vrai texte.",
                     source, written.line_in_body(PLACEHOLDER), PLACEHOLDER)
    for message in explain_all(problems, model, source, written.lines):
        logger.error("%s", message)
    return None if placeholder_left else offer


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

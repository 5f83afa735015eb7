"""The comparison page: a Pelican generator that writes /ateliers/comparatif/
from the published offers' front matter; nobody writes it by hand."""

import logging

from pelican.generators import Generator

from core.names import editor_path

from .criteria import build_rows, check_criteria
from .selection import by_method, compared_offers, listed_in_full

logger = logging.getLogger(__name__)


class ComparisonGenerator(Generator):
    """Runs after the pages are read and the offers checked (plugins/offers
    puts them, in order, in the context); writes one page."""

    def generate_context(self):
        settings = self.settings
        problems = check_criteria(settings["COMPARISON_CRITERIA"])
        problems += taken_address(self.context, settings)
        for problem in problems:
            logger.error("%s", problem)
        self.offers = self.context.get("offers", [])
        self.compared, too_many = compared_offers(self.offers, settings["COMPARISON_LIMIT"])
        for problem in too_many:
            logger.error("%s", problem)
        criteria, labels = settings["COMPARISON_CRITERIA"], settings["OFFERS_UNIT_LABELS"]
        self.rows = [] if problems else build_rows(self.compared, criteria, labels)

    def generate_output(self, writer):
        writer.write_file(
            self.settings["COMPARISON_SAVE_AS"],
            self.get_template("comparison"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            compared=self.compared,
            rows=self.rows,
            methods=by_method(self.offers) if listed_in_full(self.offers, self.settings) else [],
            active_page=self.settings["COMPARISON_URL"],
        )


def taken_address(context, settings):
    """A page published where the comparison goes would be overwritten."""
    pages = [*context.get("pages", []), *context.get("hidden_pages", [])]
    return [
        f"{editor_path(page, settings)} : la page serait publiée à "
        f"l’adresse /{settings['COMPARISON_URL']}, réservée à la comparaison des ateliers ; changez son slug."
        for page in pages
        if page.save_as == settings["COMPARISON_SAVE_AS"]
    ]

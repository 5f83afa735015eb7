"""The schemas of every kind of document, in one registry.

Each kind an editor writes (an offer, a page, an article, the réglages) has one pydantic
model, here. From it come the build's checks (plugins/offers and
plugins/documents validate each file against it), the JSON Schema files of
schemas/ and the guide's table of fields (core/export.py, `make schema`),
the web editor's forms (plugins/web_editor/config.py) and the new offer of
`make new-offer` (core/scaffold.py). The réglages file (content/reglages.yml)
has one too: core/organisation.py validates it against it.
"""

from pathlib import Path

from .documents import Article, Page
from .offer import Offer, QualiopiOffer, offer_model
from .reglages import Reglages

__all__ = ["KINDS", "SCHEMA_FILES", "Article", "Offer", "Page", "QualiopiOffer", "Reglages", "is_offer", "model_of",
           "offer_model"]

# Each kind of document and the model its front matter follows.
KINDS = {"offer": Offer, "page": Page, "article": Article, "reglages": Reglages}
# The JSON Schema file written for each model (`make schema`).
SCHEMA_FILES = {
    "schemas/offer.schema.json": Offer, "schemas/offer-qualiopi.schema.json": QualiopiOffer,
    "schemas/page.schema.json": Page, "schemas/article.schema.json": Article,
    "schemas/reglages.schema.json": Reglages,
}


def model_of(kind, settings):
    """The model a document of `kind` follows on this site (an offer's
    depends on OFFERS_QUALIOPI)."""
    return offer_model(settings) if kind == "offer" else KINDS[kind]


def is_offer(page, settings):
    """Offers are the pages in the offers folder (content/ateliers/)."""
    folder = Path(settings["OFFERS_PATH"])
    return folder in Path(page.relative_source_path).parents

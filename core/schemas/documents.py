"""The schemas of pages (content/pages/) and articles (content/ressources/):
every field their front matter may have, once.

The same text types as the offers (offer.py), so a title or a
summary is checked the same way everywhere. Besides the fields editors
write, the fields our plugins and Pelican read: `layout` (jekyll_compat),
`image` (pictures), `propositions`, `template`, `save_as`, `url`.
"""

import datetime
from typing import Annotated, Literal

from pydantic import Field

from .offer import Line, Picture, Sentence, Slug, picture_field
from .strict import Strict

# A date as YAML gives it (2026-11-05), or as text Pelican reads (« 2026-11-05 10:30 »);
# the day-first form (05/11/2026) is already a date here (yaml_front_matter/values.py).
Date = datetime.datetime | datetime.date | Line


class _Document(Strict):
    """Fields every page and article may have; a misspelt key (`sumary:`) is an error."""

    title: Line = Field(title="Titre", description="Le titre de la page.")
    summary: Sentence = Field(
        None, title="Résumé", description="Une phrase sous le titre et dans les listes (300 caractères au plus)."
    )
    slug: Slug = Field(
        None, title="Adresse",
        description="La fin de l’adresse de la page (minuscules, chiffres, tirets) ; par défaut le nom du fichier.",
    )
    status: Literal["published", "hidden", "draft"] = Field(
        None, title="État",
        description="« Brouillon » : le texte n’est pas publié. « Publié, hors des listes » : il est en ligne, "
                    "mais ne figure ni dans les listes ni dans le menu. Sans choix : publié.",
    )
    modified: Date = Field(
        None, title="Mise à jour", description="Le jour de la dernière mise à jour du texte, par exemple 2026-11-05."
    )
    image: Picture = picture_field()
    propositions: list[Line] = Field(
        None, title="Propositions",
        description="Des ateliers à proposer en fin de page ; dans le fichier, la fin de leur adresse.",
    )
    template: Line = Field(
        None, title="Modèle", description="Réglage technique, posé à la création du site (le modèle de page) : ne pas changer."
    )
    layout: Line = Field(
        None, title="Mise en page", description="Réglage technique, comme « Modèle » (une colonne des ateliers à côté "
                                                "du texte, par exemple) : ne pas changer."
    )
    save_as: Line = Field(
        None, title="Fichier publié", description="Réglage technique (le nom du fichier écrit dans le site) : "
                                                  "ne pas changer."
    )
    url: Annotated[str, Field(max_length=300)] = Field(
        None, title="Lien", description="Réglage technique (l’adresse de la page dans le site, si ce n’est pas celle "
                                        "par défaut) : ne pas changer."
    )
    author: Line = Field(None, title="Auteur", description="Qui a écrit le texte.")
    authors: Line | list[Line] = Field(
        None, title="Auteurs", description="Les personnes qui ont écrit le texte, quand elles sont plusieurs."
    )


class Page(_Document):
    """The front matter of a page (content/pages/*.md)."""


class Article(_Document):
    """The front matter of an article (content/ressources/*.md): dated."""

    date: Date = Field(
        title="Date", description="Le jour de publication, par exemple 2026-11-05 ou 05/11/2026 (jour/mois/année)."
    )

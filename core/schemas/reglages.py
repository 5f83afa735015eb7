"""The schema of the réglages file (content/reglages.yml): the association's
identity, its host and the site's appearance, every key once.

The same text type as the documents' (offer.py). A value not known yet is
written "" in the file (the web editor writes it so) and read as None: the
legal notice then says it is missing, nothing is invented. The checks that
need the disk (the logo's file, its size) are core/appearance.py's, run by
core/organisation.py after this model.
"""

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..appearance import HEX, LOGO, colour_problem, logo_name_problem
from ..phones import tel_uri
from .offer import Line
from .strict import Strict as _Section

# A number written without quotes loses its zeros (01 23… is not YAML's text).
_NOT_TEXT = ("la valeur doit être un texte sur une ligne ; un numéro (téléphone, SIREN) s’écrit entre guillemets "
             "pour garder ses zéros, par exemple \"01 23 45 67 89\"")


def _unknown_is_none(value):
    """"" (or nothing) is « not known yet »; a value that is no text is named."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("text_type", _NOT_TEXT)
    return value


def _dialable(value):
    """A number no tel: link can be made from (templates use `tel_uri`)."""
    if value is not None and tel_uri(value) is None:
        raise PydanticCustomError(
            "phone", f"le site ne peut pas composer le numéro « {value} » : écrivez-le comme 01 23 45 67 89 "
                     "(en France) ou, avec l’indicatif du pays, +33 1 23 45 67 89")
    return value


def _colour(value):
    problem = value and colour_problem(value)
    if problem:
        raise PydanticCustomError("colour", problem.removesuffix("."))
    return value


def _logo(value):
    problem = value and logo_name_problem(value)
    if problem:
        raise PydanticCustomError("logo", problem.removesuffix("."))
    return value


def _text_or_unknown(pattern=None):
    """The JSON Schema of a value: a text, "" or nothing while not known."""
    return WithJsonSchema({"type": ["string", "null"], **({"pattern": f"^({pattern})?$"} if pattern else {})})


# A text, or "" while not known (None once read).
Known = Annotated[Line | None, BeforeValidator(_unknown_is_none), _text_or_unknown()]
Phone = Annotated[Known, AfterValidator(_dialable)]
Colour = Annotated[Known, AfterValidator(_colour), _text_or_unknown(HEX.pattern)]
Logo = Annotated[Known, AfterValidator(_logo), _text_or_unknown(LOGO.pattern)]


def _empty_section(value):
    """A section left empty (`appearance:` and nothing below) has every value unknown."""
    return {} if value is None else value


class Organisation(_Section):
    name: Known = Field(None, title="Nom", description="Le nom de l’association.")
    legal_form: Known = Field(None, title="Forme juridique", description="Par exemple « association ».")
    email: Known = Field(None, title="Courriel", description="L’adresse où écrire à l’association.")
    phone: Phone = Field(
        None, title="Téléphone", description="Par exemple 01 23 45 67 89, ou avec l’indicatif du pays : +33 1 23 45 67 89."
    )
    address: Known = Field(None, title="Adresse postale", description="L’adresse du siège de l’association.")
    registration: Known = Field(
        None, title="Numéro RNA (W…) ou SIREN",
        description="Le numéro de l’association au répertoire national (RNA) ou au répertoire des entreprises (SIREN).",
    )
    publication_director: Known = Field(
        None, title="Directeur ou directrice de la publication",
        description="La personne légalement responsable de ce que publie le site.",
    )


class Host(_Section):
    name: Known = Field(None, title="Nom", description="Le nom de l’hébergeur.")
    address: Known = Field(None, title="Adresse", description="Son adresse postale.")
    website: Known = Field(None, title="Site", description="L’adresse de son site, par exemple https://github.com.")


class Appearance(_Section):
    colour: Colour = Field(
        None, title="Couleur principale",
        description="Liens, boutons et titres : # suivi de six chiffres ou lettres de a à f, par exemple #1f5f5b, "
                    "assez foncée pour se lire sur du blanc.",
    )
    accent_colour: Colour = Field(
        None, title="Couleur d’accent",
        description="Le genre de chaque atelier, le filet de l’accueil : écrite de même, par exemple #9a4a12.",
    )
    logo: Logo = Field(
        None, title="Logo", description="Un fichier SVG ou PNG des images du site, par exemple images/logo.svg."
    )


class Reglages(_Section):
    """content/reglages.yml: each section becomes a setting (SETTINGS)."""

    organisation: Annotated[Organisation, BeforeValidator(_empty_section)] = Field(
        default_factory=Organisation, title="L’association",
        description="Une valeur inconnue reste vide : les mentions légales disent alors qu’elle manque.",
    )
    host: Annotated[Host, BeforeValidator(_empty_section)] = Field(
        default_factory=Host, title="L’hébergeur du site",
        description="Qui héberge le site publié, pour les mentions légales.",
    )
    appearance: Annotated[Appearance, BeforeValidator(_empty_section)] = Field(
        default_factory=Appearance, title="L’apparence du site",
        description="Facultative : laissée vide, le site garde les couleurs de son thème et affiche le nom de "
                    "l’association à la place d’un logo.",
    )


# The setting each section becomes (pelicanconf.py).
SETTINGS = {"organisation": "ORGANISATION", "host": "HOST", "appearance": "APPEARANCE"}

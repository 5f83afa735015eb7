"""The offer schema: every field an offer's front matter may have, once.

Pydantic checks the front matter against it; core/export.py writes it as JSON
Schema and as the editor guide's table, so the three never disagree. Titles
and descriptions are in French: editors read them in the guide and in errors.
"""

import datetime
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StringConstraints,
    Tag,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..durations import parse_duration
from ..limits import CONTROL as _CONTROL
from .strict import Strict as _Strict

# What the content says where the organisation has not settled a value yet:
# never an invented figure, never an empty field.
UNDECIDED = "à définir avec l’équipe"
# What `invoke new-offer` writes where the editor has something to write.
PLACEHOLDER = "À compléter"
# A sentence ends, then another starts: « … groupe. Il … ».
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+[A-ZÀ-ÖØ-Þ«]")


def _error(kind, message):
    """A validation error whose message is already in French."""
    return PydanticCustomError(kind, message)


def is_undecided(text):
    return text.replace("'", "’").casefold() == UNDECIDED.casefold()


def _check_text(value):
    control = _CONTROL.search(value)
    if control:
        raise _error(
            "control_character",
            f"le texte contient un caractère invisible (U+{ord(control.group()):04X}), "
            "souvent venu d’un copier-coller : retapez le passage autour",
        )
    if PLACEHOLDER.casefold() in value.casefold():
        raise _error(
            "placeholder",
            f"le texte « {PLACEHOLDER} » du modèle est encore là : remplacez-le par le vrai texte, "
            "ou supprimez le champ s’il est facultatif",
        )
    return value


def _one_line(value):
    if "\n" in value:
        raise _error("one_line", "le texte doit tenir sur une ligne")
    return value


def _one_sentence(value):
    if _SENTENCE_BREAK.search(value):
        raise _error("one_sentence", "le résumé doit tenir en une seule phrase ; le reste va dans le texte de la page")
    return value


def _check_duration(value):
    if parse_duration(value) is None and not is_undecided(value):
        raise _error(
            "duration",
            f"la durée « {value} » n’est pas lisible : écrivez par exemple 1h30, 2h ou 45 min, "
            f"ou bien « {UNDECIDED} »",
        )
    return value


def _not_to_come(value):
    """A date of update is in the past: one to come would say the page is newer than it is."""
    if value > datetime.date.today() + datetime.timedelta(days=1):
        raise _error("date_to_come", f"la date {value.isoformat()} est à venir : écrivez le jour où les informations "
                                     "ont changé, par exemple 2026-11-05")
    return value


def _check_undecided(value):
    if not is_undecided(value):
        raise _error(
            "group_size_text",
            f"écrivez les nombres sous group_size (ideal, min, max), ou bien « {UNDECIDED} »",
        )
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_check_text),
]
Line = Annotated[Text, AfterValidator(_one_line)]
# The length with the text's own constraints: checked on the stripped text,
# with pydantic's string error (said in French by messages.py).
Sentence = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_check_text),
    AfterValidator(_one_line),
    AfterValidator(_one_sentence),
]
TextList = Annotated[list[Text], Field(min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Duration = Annotated[Line, AfterValidator(_check_duration)]
Undecided = Annotated[Line, AfterValidator(_check_undecided)]
Count = Annotated[int, Field(gt=0, le=1000)]


class GroupSize(_Strict):
    ideal: Count = Field(None, title="Nombre idéal", description="Nombre de participants idéal.")
    min: Count = Field(None, title="Minimum", description="Nombre minimal de participants.")
    max: Count = Field(None, title="Maximum", description="Nombre maximal de participants.")

    @model_validator(mode="after")
    def _consistent(self):
        numbers = [self.min, self.ideal, self.max]
        if all(number is None for number in numbers):
            raise _error("group_size_empty", "indiquez au moins un nombre : ideal, min ou max")
        given = [number for number in numbers if number is not None]
        if given != sorted(given):
            raise _error("group_size_order", "les nombres doivent aller dans l’ordre : min ≤ ideal ≤ max")
        return self


def _group_size_kind(value):
    """Which form of group_size an editor wrote: numbers, or a sentence."""
    if isinstance(value, (dict, GroupSize)):
        return "numbers"
    if isinstance(value, str):
        return "text"
    return None


class Modalities(_Strict):
    duration: Duration = Field(
        title="Durée d’une séance",
        description=f"Par exemple « 1h30 », « 2h » ou « 45 min » ; ou « {UNDECIDED} ».",
    )
    frequency: Line = Field(title="Fréquence", description="Le rythme des séances, par exemple « une séance par mois ».")
    group_size: Annotated[
        Annotated[GroupSize, Tag("numbers")] | Annotated[Undecided, Tag("text")],
        Discriminator(
            _group_size_kind,
            custom_error_type="group_size",
            custom_error_message=f"écrivez des nombres (ideal, min, max) ou « {UNDECIDED} »",
        ),
    ] = Field(
        title="Taille du groupe",
        description=f"Des nombres : ideal, et/ou min et max ; ou « {UNDECIDED} ».",
    )
    format: Line = Field(title="Format", description="Sur site, à distance, dans vos locaux…")
    commitment: Text = Field(title="Engagement", description="La durée d’un cycle : nombre de séances, d’années…")

    @property
    def duration_minutes(self):
        """None while the duration is still to be decided."""
        return parse_duration(self.duration)


UNITS = ("per_session", "per_group", "per_person", "per_day")


class Price(_Strict):
    # For editors' tools reading the JSON Schema: a price is one form or the other.
    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["on_quote"]}, {"required": ["amount", "currency", "unit"]}]}
    )

    # Not shown in the form (the choice « Sur devis » is): the file's words.
    on_quote: Literal[True] = Field(
        None, title="Sur devis", description="« true » quand le tarif est établi sur devis ; alors pas de montant."
    )
    amount: Annotated[float, Field(gt=0, allow_inf_nan=False)] = Field(
        None, title="Montant", description="Un nombre, sans le symbole €, par exemple 250."
    )
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        None, title="Devise", description="Le code de la devise, EUR pour l’euro."
    )
    unit: Literal[UNITS] = Field(
        None,
        title="Unité",
        description="Ce que paie le montant : une séance, un groupe, une personne ou une journée.",
    )
    note: Line = Field(None, title="Remarque", description="Une précision, par exemple « TVA non applicable ».")

    @model_validator(mode="after")
    def _amount_or_quote(self):
        priced = {"amount": self.amount, "currency": self.currency, "unit": self.unit}
        if self.on_quote:
            given = [name for name, value in priced.items() if value is not None]
            if given:
                raise _error(
                    "price_both",
                    f"un tarif sur devis n’a pas de {', '.join(given)} : gardez on_quote: true ou le montant, pas les deux",
                )
            return self
        missing = [name for name, value in priced.items() if value is None]
        if missing:
            raise _error(
                "price_incomplete",
                f"il manque {', '.join(missing)} : indiquez amount, currency et unit, "
                "ou bien on_quote: true si le tarif est sur devis",
            )
        return self


class Citation(_Strict):
    text: Text = Field(title="Citation", description="Le passage cité, sans guillemets.")
    author: Line = Field(title="Auteur", description="Qui l’a écrit ou dit.")
    work: Line = Field(None, title="Œuvre", description="Le livre, l’article ou la revue d’où vient la citation.")


class Picture(_Strict):
    src: Line = Field(
        title="Fichier", description="Le fichier de l’image, parmi les images du site, par exemple /images/atelier.jpg."
    )
    alt: Line = Field(
        title="Texte de remplacement",
        description="Ce que montre l’image, pour qui ne la voit pas ; obligatoire dès qu’il y a une image.",
    )


def picture_field():
    """The `image` field of every kind of document: its social card (plugins/pictures)."""
    return Field(
        None, title="Image de partage",
        description="L’image que montrent les réseaux sociaux quand la page est partagée, avec le texte "
                    "qui dit ce qu’elle montre.",
    )


class Offer(_Strict):
    """The front matter of an offer (content/ateliers/*.md)."""

    title: Line = Field(title="Titre", description="Le nom de l’atelier.")
    slug: Slug = Field(
        None, title="Adresse",
        description="La fin de l’adresse de la page (minuscules, chiffres, tirets) ; par défaut le nom du fichier.",
    )
    summary: Sentence = Field(title="Résumé", description="Une phrase qui dit à quoi sert l’atelier (300 caractères au plus).")
    method: Line = Field(title="Méthode", description="Par exemple « Groupe Balint », « co-développement ».")
    audience: Text = Field(title="Pour qui", description="Les professionnels à qui l’atelier s’adresse.")
    objectives: TextList = Field(
        title="Objectifs", description="Ce que l’atelier permet d’atteindre, un objectif par élément de la liste."
    )
    prerequisites: Text = Field(None, title="Prérequis", description="Ce qu’il faut pour participer, ou « Aucun ».")
    modalities: Modalities = Field(
        title="Déroulement et modalités", description="Durée, fréquence, taille du groupe, format, engagement."
    )
    price: Price = Field(title="Tarif", description="Un montant (amount, currency, unit), ou on_quote: true.")
    facilitators: Text = Field(None, title="Intervenants", description="Qui anime l’atelier.")
    principles: TextList = Field(None, title="Principes", description="Les règles du groupe, une par élément de la liste.")
    deliverables: TextList = Field(
        None, title="Ce que vous recevez", description="Documents, attestations…, un par élément de la liste."
    )
    evaluation: Text = Field(None, title="Évaluation", description="Comment les effets de l’atelier sont évalués.")
    access_delay: Text = Field(None, title="Délai d’accès", description="Le temps entre la demande et la première séance.")
    accessibility: Text = Field(
        None, title="Accessibilité", description="L’accueil des personnes en situation de handicap."
    )
    contact: Text = Field(None, title="Contact", description="La personne à qui écrire pour cet atelier, et comment.")
    citations: list[Citation] = Field(
        None, title="Citations",
        description="Des passages cités, chacun avec son auteur et, si on la connaît, l’œuvre d’où il vient.",
    )
    image: Picture = picture_field()
    # Texts, not Slug: plugins/propositions checks that each names an offer,
    # and a misspelt one (« Ecriture ») gets « vous vouliez dire « ecriture » ? ».
    propositions: list[Line] = Field(
        None, title="Propositions",
        description="D’autres ateliers à proposer en fin de page ; dans le fichier, la fin de leur adresse.",
    )
    order: Annotated[int, Field(ge=1)] = Field(
        None, title="Ordre", description="La place de l’atelier dans les listes : 1, 2, 3…"
    )
    compare: StrictBool = Field(
        None, title="Comparer",
        description="Oui : l’atelier a sa colonne dans le tableau de comparaison. "
        "Si aucun atelier ne l’a, les premiers y sont.",
    )
    status: Literal["published", "hidden", "draft"] = Field(
        None, title="État",
        description="« Brouillon » : l’atelier n’est pas publié. « Publié, hors des listes » : sa page est en ligne, "
                    "mais ne figure pas dans les listes.",
    )
    # The same field as pages' and articles' (Pelican's own name). Without it,
    # the date of the file's last commit (plugins/offers/updated.py).
    modified: Annotated[datetime.date, AfterValidator(_not_to_come)] = Field(
        None, title="Mise à jour",
        description="Le jour où les informations de l’atelier ont changé pour la dernière fois, par exemple "
                    "2026-11-05 ; sans ce champ, le jour de sa dernière modification enregistrée dans l’historique du site.",
    )


# Qualiopi, indicator 1: a certified training provider publishes, for every
# offer, prerequisites, access delay, evaluation, accessibility and a contact.
QUALIOPI_FIELDS = ("prerequisites", "access_delay", "evaluation", "accessibility", "contact")


def _required(model, names, model_name):
    """A subclass of `model` in which the optional fields `names` are required."""
    fields = {}
    for name in names:
        info = model.model_fields[name]
        # Pydantic keeps Annotated's constraints apart, in `metadata`.
        annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        fields[name] = (annotation, Field(title=info.title, description=info.description))
    return create_model(model_name, __base__=model, __doc__=model.__doc__, **fields)


QualiopiOffer = _required(Offer, QUALIOPI_FIELDS, "QualiopiOffer")


def offer_model(settings):
    """The schema this site's offers follow."""
    return QualiopiOffer if settings.get("OFFERS_QUALIOPI") else Offer

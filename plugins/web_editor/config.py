"""The web editor's configuration (Decap CMS), generated from the offer schema.

`invoke schema` writes it to admin/config.yml; a test fails when the
committed file differs from what this module produces. The offer form is
read from the pydantic model (core/schemas/offer.py), so a field added
there appears in the editor with its title, its help text and whether it is
required; articles, pages and the « Réglages » file are described here.
What depends on where the site is published (the GitHub repository, local
mode) is added at build time by `site_config` (plugins/web_editor).
"""

import datetime
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from core.organisation import SECTIONS
from core.prices import UNIT_LABELS
from core.scaffold import NEW_OFFER
from core.schemas import Offer
from core.schemas.offer import UNDECIDED, Price

CONFIG = Path(__file__).with_name("admin") / "config.yml"
HEADER = ("# Configuration de l’éditeur en ligne (Decap CMS, /admin/), générée depuis\n"
          "# core/schemas/offer.py par « make schema » : ne pas modifier à la main.\n")
# Where Decap reads and writes, from the repository's root.
CONTENT = "content"
OFFERS = "ateliers"
# What an editor picks in a list, and what the file then says.
CHOICES = {
    "status": {"published": "Publié", "hidden": "Publié, hors des listes", "draft": "Brouillon (non publié)"},
    "unit": UNIT_LABELS,
}
# A duration as core/durations.py reads it, for the browser (JavaScript).
DURATION_PATTERN = (r"^\s*(\d{1,2}\s*([hH]|[hH]eures?)\s*([0-5]\d)?(\s*([mM]in|[mM]inutes?))?|"
                    r"\d{1,3}\s*([mM]in|[mM]inutes?)|[àÀ] définir avec l[’']équipe)\s*$")
BODY = {"label": "Texte de la page", "name": "body", "widget": "markdown",
        "hint": "En Markdown. Une image : bouton « + », puis « Image » ; écrivez ce qu’elle montre."}


def _annotated(info):
    """A field's type with its constraints (pydantic keeps them apart, in `metadata`)."""
    return typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _rejects(adapter, value, kind):
    """Whether the type refuses `value` with an error of `kind` (what kind
    of text it is: one line, a duration)."""
    try:
        adapter.validate_python(value)
    except ValidationError as error:
        return any(detail["type"] == kind for detail in error.errors())
    return False


def _constraint(info, name):
    return next((getattr(item, name) for item in info.metadata if getattr(item, name, None) is not None), None)


def _model(annotation):
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def model_fields(model):
    """The Decap fields of a pydantic model, in its order."""
    return [field_config(name, info) for name, info in model.model_fields.items()]


def field_config(name, info):
    """One Decap field: its widget from the field's type, required or not,
    its description as the hint, its limits as a pattern."""
    field = {"label": info.title or name, "name": name, **_widget(name, info)}
    if not info.is_required():
        field["required"] = False
        if field["widget"] == "object":
            # Decap checks an object's fields even when the object is left
            # empty: an optional one would block every save. The schema still
            # asks for all of them once one is given (the build says so).
            for inner in field["fields"]:
                inner["required"] = False
    if name == "image" and field["widget"] == "object":
        # The picture itself comes from the media library (content/images/).
        field["fields"] = [{**inner, "widget": "image", "choose_url": False} if inner["name"] == "src" else inner
                           for inner in field["fields"]]
    if field["widget"] == "one_of":  # the schema's help names YAML keys; the form shows two choices
        field["hint"] = f"Choisissez « {field['fields_label']} » ou « {field['fixed_label']} »."
    elif info.description:
        field["hint"] = info.description
    return field


def _widget(name, info):
    annotation, origin = info.annotation, typing.get_origin(info.annotation)
    if name == "group_size":
        numbers = _model(typing.get_args(typing.get_args(annotation)[0])[0])
        return {"widget": "one_of", "fields_label": "Des nombres", "fixed": UNDECIDED,
                "fixed_label": f"« {UNDECIDED} »", "inputs": model_fields(numbers)}
    if annotation is Price:
        return {"widget": "one_of", "fields_label": "Un montant", "fixed": {"on_quote": True},
                "fixed_label": Price.model_fields["on_quote"].title, "shared": ["note"], "inputs": price_fields()}
    if _model(annotation):
        return {"widget": "object", "collapsed": False, "fields": model_fields(annotation)}
    if origin is list:
        (item,) = typing.get_args(annotation)
        if _model(item):
            return {"widget": "list", "collapsed": False, "fields": model_fields(item)}
        if name == "propositions":
            return {"widget": "relation", "collection": OFFERS, "value_field": "{{slug}}",
                    "search_fields": ["title"], "display_fields": ["title"], "multiple": True}
        limits = {"min": _constraint(info, "min_length")} if _constraint(info, "min_length") else {}
        return {"widget": "list", "collapsed": False, **limits,
                "field": {"label": info.title, "name": "item", **_text_widget(item)}}
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        if values == (True,):
            return {"widget": "boolean"}
        labels = CHOICES.get(name, {})
        return {"widget": "select", "options": [{"label": labels.get(value, value), "value": value} for value in values]}
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is datetime.date:  # a day, as the articles' date is chosen
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False,
                "picker_utc": True}
    if annotation is int:
        return {"widget": "number", "value_type": "int", "min": _constraint(info, "ge") or 1}
    if annotation is float:
        return {"widget": "number", "value_type": "float", "step": 0.01}
    return _text_widget(_annotated(info))


def price_fields():
    """The amount form of a price: its fields but on_quote, those of the
    form (amount, currency, unit) required, the currency EUR by default."""
    (amount_form,) = [form["required"] for form in Price.model_config["json_schema_extra"]["oneOf"] if len(form["required"]) > 1]
    fields = []
    for name, info in Price.model_fields.items():
        if name == "on_quote":
            continue
        field = field_config(name, info)
        if name in amount_form:
            field.pop("required", None)
        fields.append({**field, **({"default": "EUR"} if name == "currency" else {})})
    return fields


def _text_widget(annotation):
    """A text's widget, from what its type accepts: a duration, a pattern,
    a length, one line (string) or several (text)."""
    adapter = TypeAdapter(annotation)
    schema = adapter.json_schema()
    if _rejects(adapter, "1h30 ou", "duration"):
        return {"widget": "string", "pattern": [DURATION_PATTERN, "Une durée, par exemple 1h30, 2h ou 45 min, "
                                                                  f"ou « {UNDECIDED} »."]}
    if "pattern" in schema:
        return {"widget": "string", "pattern": [schema["pattern"], "Ce format n’est pas accepté : voir l’aide du champ."]}
    if "maxLength" in schema:
        longest = schema["maxLength"]
        return {"widget": "string", "pattern": [f"^[^\\n]{{1,{longest}}}$", f"{longest} caractères au plus, sur une ligne."]}
    return {"widget": "string" if _rejects(adapter, "une\nautre", "one_line") else "text"}


def with_defaults(fields, defaults):
    """`fields` with the values a new entry starts with (nested for objects)."""
    result = []
    for field in fields:
        value = defaults.get(field["name"])
        if isinstance(value, dict) and field["widget"] == "object":
            field = {**field, "fields": with_defaults(field["fields"], value)}
        elif value is not None:
            field = {**field, "default": value}
        result.append(field)
    return result


def folder_collection(name, label, singular, folder, fields, **options):
    return {"name": name, "label": label, "label_singular": singular, "folder": f"{CONTENT}/{folder}",
            "create": True, "extension": "md", "format": "yaml-frontmatter", "slug": "{{slug}}",
            "identifier_field": "title", "summary": "{{title}}", **options, "fields": [*fields, BODY]}


def _optional(label, name, hint, widget="string", **options):
    return {"label": label, "name": name, "widget": widget, "required": False, "hint": hint, **options}


ARTICLE_FIELDS = [
    {"label": "Titre", "name": "title", "widget": "string"},
    _optional("Adresse", "slug", "La fin de l’adresse de la page (minuscules, chiffres, tirets) ; par défaut le nom du fichier.",
              pattern=["^[a-z0-9]+(-[a-z0-9]+)*$", "Minuscules, chiffres et tirets seulement."]),
    {"label": "Date", "name": "date", "widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY",
     "time_format": False, "picker_utc": True, "hint": "Le jour de publication."},
    {"label": "Résumé", "name": "summary", "widget": "string",
     "pattern": ["^[^\\n]{1,300}$", "300 caractères au plus, sur une ligne."],
     "hint": "Une phrase, montrée dans la liste des articles."},
    _optional("Auteur", "author", "Qui signe l’article."),
    _optional("État", "status", "Brouillon : l’article n’est pas publié.", "select",
              options=[{"label": CHOICES["status"][value], "value": value} for value in ("published", "draft")]),
]
PAGE_FIELDS = [
    {"label": "Titre", "name": "title", "widget": "string"},
    _optional("Résumé", "summary", "Une phrase, pour les moteurs de recherche.",
              pattern=["^[^\\n]{1,300}$", "300 caractères au plus, sur une ligne."]),
    _optional("Adresse", "slug", "La fin de l’adresse de la page ; par défaut le nom du fichier.",
              pattern=["^[a-z0-9]+(-[a-z0-9]+)*$", "Minuscules, chiffres et tirets seulement."]),
    _optional("Mise en page", "layout", "two-column : la page a une colonne des ateliers à côté du texte."),
    _optional("Gabarit", "template", "Réglage technique (home, contact, legal…) : ne pas changer."),
    _optional("Enregistrée sous", "save_as", "Réglage technique : ne pas changer."),
    _optional("Adresse technique", "url", "Réglage technique : ne pas changer."),
    _optional("État", "status", "hidden : publiée hors du menu ; draft : brouillon.", "select",
              options=[{"label": label, "value": value} for value, label in CHOICES["status"].items()]),
]
IDENTITY_LABELS = {
    "organisation": ("L’association", {"name": "Nom", "legal_form": "Forme juridique", "email": "Courriel",
                                       "phone": "Téléphone", "address": "Adresse postale",
                                       "registration": "Numéro RNA (W…) ou SIREN",
                                       "publication_director": "Directeur ou directrice de la publication"}),
    "host": ("L’hébergeur du site", {"name": "Nom", "address": "Adresse", "website": "Site"}),
    "appearance": ("L’apparence du site", {"colour": "Couleur principale", "accent_colour": "Couleur d’accent",
                                           "logo": "Logo"}),
}


def identity_fields():
    """The « Réglages » form: every key the identity file may hold, all
    optional (an empty one is unknown, and the legal notice says so)."""
    fields = []
    for section, (_, keys) in SECTIONS.items():
        label, labels = IDENTITY_LABELS[section]
        fields.append({"label": label, "name": section, "widget": "object", "collapsed": False, "fields": [
            _optional(labels[key], key, "Laissez vide si ce n’est pas encore connu.") for key in keys]})
    return fields


def cms_config():
    """Every collection of the web editor, as a dict ready for YAML."""
    return {
        "locale": "fr",
        # File names of new entries as Pelican's slugify makes them: no accents.
        "slug": {"encoding": "ascii", "clean_accents": True},
        "media_folder": f"{CONTENT}/images",
        "public_folder": "/images",
        "collections": [
            folder_collection(OFFERS, "Ateliers", "Atelier", OFFERS, with_defaults(model_fields(Offer), NEW_OFFER),
                              sortable_fields=["order", "title"]),
            folder_collection("ressources", "Ressources", "Article", "ressources", ARTICLE_FIELDS,
                              sortable_fields=["date", "title"]),
            folder_collection("pages", "Pages", "Page", "pages", PAGE_FIELDS),
            {"name": "reglages", "label": "Réglages", "files": [
                {"name": "identite", "label": "Identité de l’association", "file": f"{CONTENT}/reglages.yml",
                 "format": "yaml", "fields": identity_fields()}]},
        ],
    }


# libyaml's dumper and loader when PyYAML has them (its wheels do): the same
# text, in a tenth of the time, at every build.
DUMPER = getattr(yaml, "CDumper", yaml.Dumper)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump(data):
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)


def config_text():
    return HEADER + dump(cms_config())

"""Pydantic's validation errors, said for editors: file, line, field, what is
wrong and how to fix it, in French.

Pydantic reports every error of a file at once, as (location, type) pairs;
each becomes one Problem (core/problems.py) of the build's report, with the
field's key, its label in the web editor's form (the schema's title) and
how to fill it in (the schema's description).
"""

import difflib

from pydantic import BaseModel

from .problems import Problem, label_of

# Pydantic's error types, in French. Ours (schemas/) come already written.
MESSAGES = {
    "string_type": "la valeur doit être un texte",
    "string_too_short": "le texte est vide : écrivez-le, ou supprimez la ligne si le champ est facultatif",
    "string_too_long": "le texte est trop long : {max_length} caractères au plus",
    "string_pattern_mismatch": "la valeur n’a pas la forme attendue",
    "too_short": "la liste est vide : écrivez au moins un élément, sur une ligne qui commence par « - »",
    "list_type": "la valeur doit être une liste : un élément par ligne, chacun commençant par « - »",
    "model_type": "le champ doit contenir des champs, écrits en dessous et indentés de deux espaces",
    "model_attributes_type": "le champ doit contenir des champs, écrits en dessous et indentés de deux espaces",
    "float_parsing": "la valeur doit être un nombre, par exemple 250, sans unité ni texte",
    "float_type": "la valeur doit être un nombre, par exemple 250, sans unité ni texte",
    "finite_number": "la valeur doit être un vrai nombre, par exemple 250, ni .inf ni .nan",
    "int_parsing": "la valeur doit être un nombre entier, par exemple 8",
    "int_type": "la valeur doit être un nombre entier, par exemple 8",
    "int_from_float": "la valeur doit être un nombre entier, par exemple 8",
    "greater_than": "la valeur doit être plus grande que {gt}",
    "greater_than_equal": "la valeur doit être au moins {ge}",
    "less_than_equal": "la valeur doit être au plus {le}",
    "literal_error": "la valeur doit être {expected}",
    "bool_type": "la valeur doit être true ou false",
    "bool_parsing": "la valeur doit être true ou false",
    "date_type": "la valeur doit être une date, écrite 2026-11-05 (année-mois-jour) ou 05/11/2026",
    "date_parsing": "la valeur doit être une date, écrite 2026-11-05 (année-mois-jour) ou 05/11/2026",
    "date_from_datetime_parsing": "la valeur doit être une date, écrite 2026-11-05 (année-mois-jour) ou 05/11/2026",
    "date_from_datetime_inexact": "écrivez le jour seulement, sans l’heure, par exemple 2026-11-05",
}
EMPTY = "le champ est vide : écrivez une valeur, ou supprimez la ligne si le champ est facultatif"
# group_size is one of two forms; pydantic names the form in the location.
FORMS = {"numbers", "text"}


def explain_all(errors, model, source, lines, unknown_fix=None):
    """The Problems of a file's pydantic errors, in the file's order.
    A misspelt key is said once, as a guess: not also as a missing field.
    `unknown_fix`: what to do with an unknown key no field is close to (by
    default, in a front matter: close it before the page's text)."""
    guessed = set()
    for error in errors:
        path = _path(error["loc"])
        if error["type"] == "extra_forbidden":
            guess = closest(path[-1], _allowed(model, path[:-1]))
            if guess:
                guessed.add((*path[:-1], guess))
    explained = [
        explain(error, model, source, lines, unknown_fix)
        for error in errors
        if not (error["type"] == "missing" and _path(error["loc"]) in guessed)
    ]
    return sorted(explained, key=lambda problem: problem.line or 0)


def explain(error, model, source, lines, unknown_fix=None):
    """The Problem of one pydantic error dict."""
    path = _path(error["loc"])
    field = _field(model, path)
    fix = None
    if error["type"] == "missing":
        line = _line(lines, path[:-1])
        what, fix = "ce champ obligatoire manque", "ajoutez-le" + (f" : {_description(field)}" if _description(field) else ".")
    elif error["type"] == "extra_forbidden":
        line = _line(lines, path)
        what, fix = _unknown(path[-1], _allowed(model, path[:-1]), unknown_fix)
    else:
        line = _line(lines, path)
        what = _what(error)
        # Our own messages (schemas/) already say how to fix; pydantic's need the field's description.
        if error["type"] in MESSAGES and _description(field):
            fix = f"attendu : {_description(field)}"
    name = ".".join(str(part) for part in path if not isinstance(part, int)) or "en-tête"
    index = next((part for part in reversed(path) if isinstance(part, int)), None)
    label = label_of(name) or (field.title if field else None)
    return field_problem(source, line, name, index, what, fix=fix, label=label)


def field_problem(source, line, name, index, what, fix=None, label=None):
    """One Problem of the report, the same for every front matter check:
    file, line, field, list item (from 0) when there is one, what to do."""
    return Problem(what, file=source, line=line or None, key=name, label=label or label_of(name), fix=fix,
                   item=None if index is None else index + 1)


def _path(loc):
    """The location as the editor wrote it, without pydantic's form names."""
    return tuple(part for index, part in enumerate(loc) if not (index and loc[index - 1] == "group_size" and part in FORMS))


def _what(error):
    if error["type"] == "string_type" and error["input"] is None:
        return EMPTY
    template = MESSAGES.get(error["type"])
    if template is None:  # one of ours, already in French
        return error["msg"]
    context = {name: _french_value(value) for name, value in error.get("ctx", {}).items()}
    return template.format(**context)


def _french_value(value):
    """Pydantic's Python spelling as an editor writes YAML: 'a' or 'b' -> a ou b, True -> true."""
    if isinstance(value, str):
        value = value.replace("'", "").replace(" or ", " ou ")
        return {"True": "true", "False": "false"}.get(value, value)
    return value


def _line(lines, path):
    """The line of the closest key the YAML gives; 0 for the front matter as a whole."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 0


def _submodel(annotation):
    """The model inside an annotation (Citation in list[Citation]), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _submodel(argument)
        if found:
            return found
    return None


def _model_at(model, path):
    for part in path:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part) if model else None
        model = _submodel(info.annotation) if info else None
    return model


def _field(model, path):
    """The schema's FieldInfo for a path, or None."""
    parent = _model_at(model, path[:-1])
    names = [part for part in path if not isinstance(part, int)]
    return parent.model_fields.get(names[-1]) if parent and names else None


def _allowed(model, path):
    parent = _model_at(model, path)
    return list(parent.model_fields) if parent else []


def _description(field):
    """The field's description from the schema, how to fill it in: « Un
    nombre, sans le symbole €, par exemple 250. » → « un nombre, … 250. »"""
    if not field or not field.description:
        return ""
    text = field.description.strip()
    return (text[:1].lower() + text[1:]) if text[1:2].islower() else text


def closest(name, allowed):
    """The allowed name closest to a misspelt one, if one is close enough
    (fields here; slugs and criteria in the propositions and comparison)."""
    close = difflib.get_close_matches(str(name).lower(), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown(name, allowed, fix=None):
    """(what, fix) for a key the schema does not have."""
    guess = closest(name, allowed)
    if guess:
        return f"ce champ n’existe pas ; vous vouliez dire « {guess} » ?", "corrigez son nom."
    return (f"ce champ n’existe pas. Champs possibles ici : {', '.join(allowed)}",
            fix or "si cette ligne est du texte de la page, l’en-tête n’est pas fermé avant elle : "
            "ajoutez une ligne « --- » après le dernier champ.")

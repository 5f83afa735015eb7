"""What each criterion of the comparison shows for an offer, and the check of
COMPARISON_CRITERIA (pelicanconf.py) before anything is built.

A criterion is an offer field (`method`, `modalities.frequency`, `price`…),
or one of the two computed here: `price_per_person_hour` and `link`.
"""

from collections import namedtuple

from core.durations import show_duration
from core.messages import closest
from core.prices import format_group_size, format_price
from core.schemas.offer import Modalities, QualiopiOffer

from .unit_price import how_computed, per_person_hour, show_per_person_hour

# One cell: kind is "text", "list", "link" or "missing"; note a short remark.
Cell = namedtuple("Cell", "kind value note")
Row = namedtuple("Row", "key label cells")

# The two criteria computed here, with their labels.
COMPUTED = {"price_per_person_hour": "Tarif par personne et par heure", "link": "Pour en savoir plus"}
# Fields that are not facts to compare: the column header already shows the
# title; the rest are for the offer page or the build.
NOT_COMPARED = {"title", "slug", "summary", "citations", "propositions", "order", "status"}
MISSING_NOTE = "non précisé ; demandez-le-nous"


def all_criteria():
    """Every criterion an editor may name, in the schema's order, labelled
    with the field's title: the comparison's default rows."""
    pairs = []
    for name, field in QualiopiOffer.model_fields.items():
        if name == "modalities":
            pairs += [(f"modalities.{inner}", info.title) for inner, info in Modalities.model_fields.items()]
        elif name not in NOT_COMPARED:
            pairs.append((name, field.title))
    return [*pairs, *COMPUTED.items()]


def known_criteria():
    return [name for name, _ in all_criteria()]


def check_criteria(criteria):
    """French problems with COMPARISON_CRITERIA: a list of (criterion, label) pairs."""
    known = known_criteria()
    where = "pelicanconf.py, COMPARISON_CRITERIA"
    if not isinstance(criteria, (list, tuple)):
        return [f"{where} : la valeur doit être une liste de paires (\"critère\", \"libellé\")."]
    problems = []
    for number, pair in enumerate(criteria, 1):
        if not _is_pair(pair):
            problems.append(f"{where} (élément {number}) : écrivez une paire (\"critère\", \"libellé\"), "
                            f"par exemple (\"method\", \"Méthode\").")
        elif pair[0] not in known:
            guess = closest(pair[0], known)
            fix = f"vous vouliez dire « {guess} » ?" if guess else f"critères possibles : {', '.join(known)}."
            problems.append(f"{where} (élément {number}) : le critère « {pair[0]} » n’existe pas ; {fix}")
    return problems


def _is_pair(pair):
    """(criterion, label): two texts, neither empty."""
    return isinstance(pair, (list, tuple)) and len(pair) == 2 and all(isinstance(part, str) and part.strip() for part in pair)


def value_of(offer, key):
    """The offer's value for a dotted field name; None when not given."""
    value = offer
    for part in key.split("."):
        value = getattr(value, part, None)
    return value


def field_cell(page, key, labels):
    """A cell showing one front matter value as the offer page shows it."""
    value = value_of(page.offer, key)
    if value is None:
        return Cell("missing", None, MISSING_NOTE)
    if key == "modalities.duration":
        return Cell("text", show_duration(value), None)
    if key == "modalities.group_size":
        return Cell("text", format_group_size(value), None)
    if key == "price":
        return Cell("text", format_price(value, labels), value.note)
    if isinstance(value, list):
        return Cell("list", value, None)
    return Cell("text", value, None)


def per_hour_cells(pages):
    """The price per person and per hour of each offer, and whether at least
    two of them, in one currency, can be compared on it."""
    cells, currencies = [], []
    for page in pages:
        amounts, reason = per_person_hour(page.offer)
        if amounts is None:
            cells.append(Cell("missing", None, f"ne peut pas être calculé : {reason}"))
        else:
            shown = f"{show_per_person_hour(amounts)} par personne et par heure"
            cells.append(Cell("text", shown, how_computed(page.offer)))
            currencies.append(amounts[2])
    comparable = any(currencies.count(currency) >= 2 for currency in currencies)
    return cells, comparable


def build_rows(pages, criteria, labels):
    """One row per criterion, one cell per offer. The price per person and
    per hour is left out when fewer than two offers can be compared on it."""
    rows = []
    for key, label in criteria:
        if key == "price_per_person_hour":
            cells, comparable = per_hour_cells(pages)
            if not comparable:
                continue
        elif key == "link":
            cells = [Cell("link", page, None) for page in pages]
        else:
            cells = [field_cell(page, key, labels) for page in pages]
        rows.append(Row(key, label, cells))
    return rows

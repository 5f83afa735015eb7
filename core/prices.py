"""An offer's figures in French: « 250 € par séance », « 6 à 10 personnes ».

The site's one price vocabulary: the offers' filters (the offer page, the
cards), the comparison and the web editor's form say a price the same way,
and plain functions are tested.
"""

from .schemas.offer import GroupSize

SYMBOLS = {"EUR": "€"}
ON_QUOTE = "Sur devis"
# How each price unit of the schema reads (OFFERS_UNIT_LABELS's default).
UNIT_LABELS = {
    "per_session": "par séance",
    "per_group": "par groupe",
    "per_person": "par personne",
    "per_day": "par jour",
}


def format_amount(amount):
    """No decimals for a whole amount; a comma and two decimals otherwise;
    thin no-break spaces between thousands."""
    text = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return text.replace(",", "\u202f").replace(".", ",")


def format_money(amount, currency):
    """« 250 € », « 80 CHF »: the amount and its currency never split."""
    return f"{format_amount(amount)}\u00a0{SYMBOLS.get(currency, currency)}"


def format_price(price, labels):
    """The price as a sentence fragment; `labels` name each unit (settings)."""
    if price.on_quote:
        return ON_QUOTE
    return f"{format_money(price.amount, price.currency)} {labels.get(price.unit, price.unit)}"


def format_group_size(size):
    """Numbers in words, or the editor's sentence (« à définir avec l’équipe »)."""
    if not isinstance(size, GroupSize):
        return size
    parts = []
    if size.min and size.max:
        parts.append(f"{size.min} à {size.max}\u00a0personnes")
    elif size.min:
        parts.append(f"au moins {size.min}\u00a0personnes")
    elif size.max:
        parts.append(f"jusqu’à {size.max}\u00a0personnes")
    if size.ideal:
        parts.append(f"{size.ideal}\u00a0personnes idéalement" if not parts else f"idéalement {size.ideal}")
    return ", ".join(parts)

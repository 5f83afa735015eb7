"""The price per person and per hour: the one figure on which offers priced
differently can be compared. Computed only from what the front matter says;
never estimated."""

from core.durations import format_duration, parse_duration
from core.prices import format_amount, format_group_size, format_money
from core.schemas.offer import GroupSize


def per_person_hour(offer):
    """(lowest, highest, currency) per person and per hour, or (None, reason)
    when the front matter does not give what it takes."""
    price, modalities = offer.price, offer.modalities
    if price.on_quote:
        return None, "tarif sur devis"
    if price.unit != "per_session":
        return None, "tarif qui n’est pas donné par séance"
    minutes = parse_duration(modalities.duration)
    if not minutes:
        return None, "durée à définir"
    size = modalities.group_size
    if not isinstance(size, GroupSize):
        return None, "taille du groupe à définir"
    most, fewest = (size.ideal, size.ideal) if size.ideal else (size.max, size.min)
    if not (most and fewest):
        return None, "taille du groupe à préciser"
    hours = minutes / 60
    return (price.amount / most / hours, price.amount / fewest / hours, price.currency), None


def show_per_person_hour(amounts):
    """« 20,83 € » or « de 16,67 à 27,78 € »."""
    lowest, highest, currency = amounts
    low, high = round(lowest, 2), round(highest, 2)
    if low == high:
        return format_money(low, currency)
    return f"de {format_amount(low)} à {format_money(high, currency)}"


def how_computed(offer):
    """The figures behind it, so that a buyer can check them."""
    price, modalities = offer.price, offer.modalities
    return (f"{format_money(price.amount, price.currency)} la séance de "
            f"{format_duration(parse_duration(modalities.duration))}, pour "
            f"{format_group_size(modalities.group_size)}")

"""Which offers the comparison table shows, and the full list by method.

A table stays readable with a few columns: the offers marked `compare: true`,
or, when none is, the first COMPARISON_LIMIT in order. Every published offer
is still listed below the table, grouped by method, so a site with hundreds
of offers keeps one page where a visitor finds them all.
"""

from core.names import editor_path


def compared_offers(offers, limit):
    """The table's offers; and the problem, if more are marked than fit."""
    marked = [page for page in offers if page.offer.compare]
    if len(marked) > limit:
        names = ", ".join(editor_path(page, page.settings) for page in marked)
        return marked[:limit], [
            f"{len(marked)} ateliers portent « compare: true » ({names}) : le tableau de comparaison "
            f"en montre {limit} au plus (COMPARISON_LIMIT). Retirez la ligne « compare: true » de certains."
        ]
    return (marked or offers[:limit]), []


def by_method(offers):
    """[(method, [offers…]), …]: methods in the order of their first offer."""
    groups = {}
    for page in offers:
        groups.setdefault(page.offer.method, []).append(page)
    return list(groups.items())


def listed_in_full(offers, settings):
    """Whether some list of the site stops short of all the offers (the
    table, the home page, a side column): then they link to the full list."""
    shortest = min(settings["COMPARISON_LIMIT"], settings["OFFERS_ON_HOME"], settings["OFFERS_IN_SIDE_COLUMN"])
    return len(offers) > shortest

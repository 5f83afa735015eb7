"""Turn a page's `propositions` (offer slugs) into the offers themselves, and
say in French what is wrong with a name that does not lead to one."""

import itertools

from core.messages import closest

# Past this many offers, an error lists a few close slugs rather than all.
LISTED_AT_MOST = 8


def resolve(names, offers, drafts=frozenset(), broken=frozenset(), own_slug=None):
    """The offers named, in the order written, and the problems as
    (item index or None for the whole list, French reason).

    `offers` are the published ones by slug; `drafts` the slugs of offers not
    yet published; `broken` those whose own front matter has errors (already
    reported: naming them is not a second mistake)."""
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        return [], [(None, "la valeur doit être une liste de slugs d’ateliers, un par ligne commençant par « - »")]
    found, problems, seen = [], [], {}
    for index, name in enumerate(names):
        if name == own_slug:
            problems.append((index, f"la page se propose elle-même ; retirez « {name} » de la liste"))
        elif name in seen:
            problems.append((index, f"« {name} » est déjà dans la liste (élément {seen[name] + 1}) ; gardez-en un seul"))
        elif name in offers:
            found.append(offers[name])
        elif name in drafts:
            problems.append((index, f"l’atelier « {name} » est un brouillon (status: draft) et ne sera pas publié ; "
                                    "retirez-le de la liste, ou publiez-le"))
        elif name not in broken:
            problems.append((index, unknown(name, sorted(offers))))
        seen.setdefault(name, index)
    return found, problems


def unknown(name, slugs):
    """A slug that names no offer, with the closest one when there is one."""
    guess = closest(name, slugs)
    if guess:
        return f"« {name} » ne correspond à aucun atelier ; vous vouliez dire « {guess} » ? Corrigez le slug"
    if len(slugs) <= LISTED_AT_MOST:
        return (f"« {name} » ne correspond à aucun atelier. Slugs possibles : {', '.join(slugs)} "
                "(le nom du fichier de l’atelier, sans .md)")
    return f"« {name} » ne correspond à aucun atelier : écrivez le nom d’un fichier de content/ateliers/, sans .md"


def others(offer, offers, count):
    """The offers an offer page suggests when its editor named none: the
    other published offers in `order`, at most `count` of them (a bounded
    list, however many offers the site has)."""
    return list(itertools.islice((other for other in offers if other is not offer), count))

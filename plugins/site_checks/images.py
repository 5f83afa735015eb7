"""Images as a slow connection needs them: a text for those who cannot see
them (`alt`, empty when decorative), their size before they load (`width`,
`height`: the page does not jump) and `loading="lazy"` for all but the first
image of a page, which the visitor sees first.

Images written in Markdown get all of it from plugins/pictures; these checks
catch an <img> written by hand, or by a template, that lacks it.
"""

_HOW = ("écrivez l'image en Markdown, ![Ce que montre l’image](/images/photo.jpg), le site ajoute le reste ; "
        "en HTML, une image du thème s'écrit "
        '<img src="/theme/logo.svg" alt="Ce que montre l’image" width="800" height="600" loading="lazy">')


def image_problems(image, first=False):
    """What an <img> (its attributes) lacks, as French reasons. The first
    image of a page may load at once."""
    reasons = []
    if "alt" not in image:
        reasons.append("l'image n'a pas de texte de remplacement (alt) : décrivez-la, ou écrivez « décoratif » "
                       "si elle ne fait que décorer")
    missing = [name for name in ("width", "height") if not image.get(name, "").isdigit()]
    if missing:
        reasons.append(f"l'image n'a pas de taille ({' et '.join(missing)}, en pixels) : {_HOW}")
    if not first and image.get("loading") != "lazy":
        reasons.append(f"l'image n'a pas loading=\"lazy\" (elle ne se chargerait qu'en arrivant à l'écran) : {_HOW}")
    return reasons

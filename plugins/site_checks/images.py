"""Images as a slow connection needs them: a text for those who cannot see
them (`alt`, empty when decorative), their size before they load (`width`,
`height`: the page does not jump) and `loading="lazy"`."""

_HOW = ("écrivez l'image en HTML, par exemple "
        '<img src="/images/photo.jpg" alt="Ce que montre l’image" width="800" height="600" loading="lazy">')


def image_problems(image):
    """What an <img> (its attributes) lacks, as French reasons."""
    reasons = []
    if "alt" not in image:
        reasons.append("l'image n'a pas de texte de remplacement (alt) : décrivez-la, ou alt=\"\" si elle est décorative")
    missing = [name for name in ("width", "height") if not image.get(name, "").isdigit()]
    if missing:
        reasons.append(f"l'image n'a pas de taille ({' et '.join(missing)}, en pixels) : {_HOW}")
    if image.get("loading") != "lazy":
        reasons.append(f"l'image n'a pas loading=\"lazy\" (elle ne se chargerait qu'en arrivant à l'écran) : {_HOW}")
    return reasons

"""Images as a slow connection needs them: a text for those who cannot see
them (`alt`, empty when decorative), their size before they load (`width`,
`height`: the page does not jump) and `loading="lazy"` for all but the images
a visitor sees first: the site's header's (a logo) and the first of the
page's <main> (page_links.py finds them).

Images written in Markdown get all of it from plugins/pictures; these checks
catch an <img> written by hand, or by a template, that lacks it, and any
published picture file that still carries private metadata.
"""

from pathlib import Path

from PIL import Image, UnidentifiedImageError

_HOW = ("écrivez l'image en Markdown, ![Ce que montre l’image](/images/photo.jpg), le site ajoute le reste ; "
        "en HTML, une image du thème s'écrit "
        '<img src="/theme/logo.svg" alt="Ce que montre l’image" width="800" height="600" loading="lazy">')


def image_problems(image, first=False):
    """What an <img> (its attributes) lacks, as French reasons. `first`: one
    the visitor sees on arriving, which may load at once."""
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


# The picture files a built site may publish.
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff"}


def metadata_problems(root, names=None):
    """Every published picture that still carries EXIF (GPS, camera) or XMP
    data, as French lines: plugins/pictures strips them, a file published
    some other way may not. `names`: the site's files (paths in it), when
    the link check has listed them already."""
    problems = []
    root = Path(root)
    names = sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()) \
        if names is None else sorted(names)
    for path in (root / name for name in names):
        if path.suffix.lower() not in PICTURE_SUFFIXES:
            continue
        try:
            with Image.open(path) as image:
                kept = [name for name, present in (("EXIF", bool(image.getexif())), ("XMP", "xmp" in image.info))
                        if present]
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            continue  # not a picture Pillow reads: nothing it could say about it
        if kept:
            problems.append(f"fichier /{path.relative_to(root).as_posix()} : l'image publiée contient encore ses "
                            f"métadonnées {' et '.join(kept)} (lieu GPS, appareil, date) : placez l'original dans "
                            "content/images/ et écrivez-le en Markdown, le site les retire")
    return problems

"""The site's colours and logo (« appearance: » in content/reglages.yml):
each value checked against an allow-list, and the CSS custom properties
that replace the theme's own colours (theme/static/css/style.css).

A colour is #rrggbb, dark enough to be read on white and on its own light
tint (WCAG AA, 4.5:1), since the theme sets text, links and buttons in it.
The logo is an SVG or PNG file of content/images/, small, with a size."""

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PIL import Image, UnidentifiedImageError

HEX = re.compile(r"#[0-9a-fA-F]{6}")
# A logo: a file name of content/images/ (as the web editor writes it, with
# or without the leading « / »), lower-case letters, digits, - and _.
LOGO = re.compile(r"/?images/([a-z0-9][a-z0-9_-]{0,80})\.(svg|png)")
LOGO_MAX_BYTES = 200 * 1024
LOGO_MAX_PIXELS = 4000
AA = 4.5
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
# How far the theme's derived shades go from the chosen colour.
STRONG, SOFT = 0.3, 0.9


def rgb(text):
    return tuple(int(text[index:index + 2], 16) for index in (1, 3, 5))


def hex_of(colour):
    return "#" + "".join(f"{round(channel):02x}" for channel in colour)


def mix(colour, other, share):
    """`colour` moved `share` (0 to 1) of the way towards `other`."""
    return tuple(channel + (target - channel) * share for channel, target in zip(colour, other, strict=True))


def luminance(colour):
    def linear(channel):
        channel /= 255
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(channel) for channel in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one, other):
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ratio_text(value):
    return f"{value:.1f}".replace(".", ",") + ":1"


def colour_problem(text):
    """None for a colour the theme can use, else what to change, in French."""
    if not HEX.fullmatch(text):
        return (f"la valeur « {text} » n’est pas une couleur : écrivez-la en hexadécimal, un # suivi de six chiffres "
                "ou lettres de a à f, par exemple #1f5f5b.")
    colour = rgb(text)
    worst = min(contrast(colour, WHITE), contrast(colour, mix(colour, WHITE, SOFT)))
    if worst < AA:
        return (f"la couleur {text} est trop claire : un texte de cette couleur sur fond blanc ou clair n’a qu’un "
                f"contraste de {ratio_text(worst)}, il faut au moins 4,5:1 pour qu’il se lise (WCAG AA). "
                "Choisissez une teinte plus foncée.")
    return None


def logo_name_problem(text):
    """None for a logo's name the site can use, else what to change, in
    French (the réglages schema checks it; the file is `logo_problem`'s)."""
    if not LOGO.fullmatch(text):
        return (f"le logo « {text} » doit être un fichier SVG ou PNG du dossier content/images/, écrit "
                "images/nom-du-fichier.svg (lettres minuscules sans accent, chiffres, - et _).")
    return None


def logo_problem(text, folder):
    """None for a logo the site can show, else what to change, in French.
    `folder`: the content folder (where images/ is)."""
    named = logo_name_problem(text)
    if named:
        return named
    path = logo_path(text, folder)
    if not path.is_file():
        return f"le fichier content/{path.relative_to(folder).as_posix()} n’existe pas : ajoutez-le, ou corrigez le nom."
    if path.stat().st_size > LOGO_MAX_BYTES:
        return f"le logo pèse plus de {LOGO_MAX_BYTES // 1024} Ko : enregistrez-le plus léger (un logo en pèse quelques-uns)."
    try:
        logo_size(path)
    except ValueError as error:
        return str(error)
    return None


def logo_path(text, folder):
    return Path(folder) / "images" / Path(text).name


def logo_size(path):
    """(width, height) of an SVG or PNG logo, for the page to reserve its place."""
    if path.suffix == ".png":
        try:
            with Image.open(path) as image:
                if image.format != "PNG":
                    raise ValueError("le logo n’est pas un vrai fichier PNG : enregistrez-le de nouveau en PNG.")
                width, height = image.size
        except (UnidentifiedImageError, OSError):
            raise ValueError("le logo n’est pas un fichier PNG lisible : enregistrez-le de nouveau en PNG.") from None
    else:
        width, height = _svg_size(path)
    if not (0 < width <= LOGO_MAX_PIXELS and 0 < height <= LOGO_MAX_PIXELS):
        raise ValueError(f"le logo doit mesurer entre 1 et {LOGO_MAX_PIXELS} pixels de côté.")
    return round(width), round(height)


def _svg_size(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise ValueError("le logo SVG contient une déclaration <!DOCTYPE> : enregistrez-le sans (« SVG simple »).")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        raise ValueError("le logo n’est pas un fichier SVG lisible : enregistrez-le de nouveau en SVG.") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise ValueError("le logo n’est pas un fichier SVG : son premier élément n’est pas <svg>.")
    number = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)(?:px)?\s*")
    width, height = (number.fullmatch(root.get(name, "")) for name in ("width", "height"))
    if width and height:
        return float(width[1]), float(height[1])
    box = root.get("viewBox", "").replace(",", " ").split()
    try:
        return float(box[2]), float(box[3])
    except (IndexError, ValueError):
        raise ValueError("le logo SVG ne dit pas sa taille : donnez à <svg> un viewBox ou width et height.") from None


def identity_css(appearance, source="content/reglages.yml"):
    """The custom properties that replace the theme's colours; "" when
    `appearance` sets none (the theme's own then apply)."""
    lines = []
    if appearance.get("colour"):
        brand = rgb(appearance["colour"])
        lines += [f"  --brand: {hex_of(brand)};", f"  --brand-strong: {hex_of(mix(brand, BLACK, STRONG))};",
                  f"  --brand-soft: {hex_of(mix(brand, WHITE, SOFT))};"]
    if appearance.get("accent_colour"):
        lines.append(f"  --accent: {hex_of(rgb(appearance['accent_colour']))};")
    if not lines:
        return ""
    return f"/* Écrit à la construction depuis {source} (« appearance: ») : ne pas modifier ici. */\n" \
           ":root {\n" + "\n".join(lines) + "\n}\n"

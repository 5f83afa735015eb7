"""Which file under content/ an image address names, and what Pillow reads
in its header: size (after EXIF orientation), format, transparency.

Only the header is read here, for every image of every build: cheap. The
pixels are decoded once, when a variant is missing from the cache
(variants.py). Every refusal is a PictureError that says, in French, what
is wrong (`message`) and how to fix it (`fix`); the caller adds the file and
line (a Problem of core/problems.py).
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError

# The formats an editor may give, as Pillow names them, and how editors know them.
FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# EXIF orientations that turn the picture a quarter: width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112
# What Pelican writes before a path relative to the content folder.
PELICAN_PREFIXES = ("{static}", "{attach}", "{filename}")


class PictureError(ValueError):
    """A picture an editor must fix: what is wrong and how to fix it, in French."""

    def __init__(self, message, fix=None):
        super().__init__(message, fix)
        self.message, self.fix = message, fix

    def __str__(self):
        return f"{self.message} : {self.fix}" if self.fix else self.message


@dataclass(frozen=True)
class Original:
    path: Path  # the file under content/
    name: str  # its path relative to content/, with "/"
    key: str  # hash of its bytes: the cache's key
    width: int  # as shown, EXIF orientation applied
    height: int
    format: str  # Pillow's name: JPEG, PNG, WEBP
    alpha: bool  # transparent pixels: the fallback stays PNG
    stamp: tuple = ()  # (size, mtime_ns) of the file when its page was read


def stamp_of(path):
    status = Path(path).stat()
    return status.st_size, status.st_mtime_ns


def changed_since_read(original):
    """Whether the file changed after the page naming it was read (a page
    kept by Pelican's reader cache, which watches only the page's own file)."""
    try:
        return stamp_of(original.path) != original.stamp
    except OSError:
        return True


def locate(src, content_root, source_file):
    """The file under `content_root` that `src` names: `{static}/images/x.jpg`,
    `/images/x.jpg`, or a path relative to the Markdown file."""
    path = unquote(urlsplit(src).path)
    relative_to_file = True
    for prefix in PELICAN_PREFIXES:
        if path.startswith(prefix):
            path = path[len(prefix):]
            break
    if path.startswith("/"):
        path, relative_to_file = path.lstrip("/"), False
    root = Path(content_root).resolve()
    base = Path(source_file).resolve().parent if relative_to_file else root
    target = (base / path).resolve()
    if not target.is_relative_to(root):
        raise PictureError("l'image doit être dans le dossier content/ (content/images/ de préférence)",
                           "déplacez-la là, et écrivez son chemin depuis ce dossier : /images/photo.jpg")
    if target.is_dir():
        raise PictureError(f"{Path('content', target.relative_to(root)).as_posix()} est un dossier, pas une image",
                           "écrivez après lui le nom du fichier, par exemple /images/photo.jpg")
    if not target.is_file():
        hint = _nearby(target, root)
        raise PictureError(f"le fichier content/{target.relative_to(root).as_posix()} n'existe pas{hint}",
                           "vérifiez son nom (majuscules, accents, extension) et qu'il est bien dans content/images/")
    return target, root


def _nearby(target, root):
    """A file of the same folder whose name differs only by case."""
    if target.parent.is_dir():
        for other in target.parent.iterdir():
            if other.name.lower() == target.name.lower():
                return f" (il existe {other.relative_to(root).as_posix()}, écrit autrement)"
    return ""


def file_key(path):
    """The cache's key: a hash of the file's bytes, so a file replaced under
    the same name is processed again, and a file renamed is not."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:20]


def inspect(target, root, max_bytes, max_pixels):
    """The Original at `target`, from its header; PictureError if it cannot be published."""
    stamp = stamp_of(target)
    size = stamp[0]
    if size > max_bytes:
        raise PictureError(f"le fichier pèse {_millions(size)} Mo, plus que les {_millions(max_bytes)} Mo acceptés",
                           "enregistrez-le en JPEG de qualité normale, le site en fera les tailles utiles")
    try:
        with Image.open(target) as image:
            width, height, kind = image.width, image.height, image.format
            orientation = image.getexif().get(EXIF_ORIENTATION, 1) if kind in FORMATS else 1
            alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        # Formats Pillow does not open at all (SVG, HEIC…) are named by
        # their extension: « abîmé » would send the editor the wrong way.
        known = KNOWN_UNSUPPORTED.get(target.suffix.lower())
        raise (unsupported(known) if known else unreadable(target)) from None
    if kind not in FORMATS:
        raise unsupported(kind)
    if width * height > max_pixels:
        raise PictureError(f"l'image fait {width} × {height} pixels, plus que les {_millions(max_pixels)} millions "
                           "acceptés", "réduisez-la avant de l'ajouter")
    if orientation in QUARTER_TURNS:
        width, height = height, width
    return Original(target, target.relative_to(root).as_posix(), file_key(target), width, height, kind, alpha, stamp)


def _millions(count):
    """A count in millions as editors read it: 40, 1,5 or 0,25."""
    return f"{count / 1e6:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def check_pixels(original):
    """Decode the whole file, as cheaply as Pillow can (a JPEG at an eighth
    of its size): a truncated or damaged file is said here, where the
    page's line is known, rather than when its variants are encoded."""
    try:
        with Image.open(original.path) as image:
            image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except (OSError, SyntaxError, ValueError):
        raise unreadable(original.path) from None


# Picture formats an editor may meet that Pillow cannot open, by extension.
KNOWN_UNSUPPORTED = {".svg": "SVG", ".heic": "HEIC", ".heif": "HEIF", ".avif": "AVIF", ".pdf": "PDF"}


def unreadable(target):
    """The PictureError of a file that is no picture Pillow can decode."""
    return PictureError(f"le fichier {target.name} ne peut pas être lu comme une image (il est abîmé, incomplet, "
                        "ou ce n'est pas une image)",
                        "ouvrez-le sur votre ordinateur, enregistrez-le de nouveau en JPEG ou PNG, puis remplacez-le")


def unsupported(kind):
    """The PictureError of a format the site does not publish."""
    accepted = ", ".join(FORMATS.values())
    return PictureError(f"le format {kind or 'de ce fichier'} n'est pas pris en charge",
                        f"enregistrez l'image en {accepted} (JPEG pour une photo, PNG pour un schéma ou une capture "
                        "d'écran)")

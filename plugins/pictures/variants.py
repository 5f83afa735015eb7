"""The files published for one picture: several widths, never wider than
the original, in AVIF and WebP and a JPEG (or PNG) fallback, orientation
applied and every metadata (EXIF, XMP, GPS) left out.

Encoded files are kept in a cache folder by the original's hash: an
unchanged picture is copied from there, never encoded again. The cache is
safe to delete; a file appears in it only once completely written, with its
size and hash beside it (core/caches.py), checked before it is published: a
damaged file is encoded again, never published.

Colours are published in sRGB, with no colour profile: a picture with a
profile (a CMYK JPEG from a print shop, a phone's Display P3) is converted
with it, and browsers show an untagged picture as sRGB.
"""

import functools
import io
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageCms, ImageOps

from core.caches import forget, is_sealed, read_sealed, seal

from .source import EXIF_ORIENTATION, QUARTER_TURNS

# How each format is written: quality for a photo seen on a screen; AVIF at
# a speed that keeps a cold build of many photos short.
ENCODERS = {
    "avif": ("AVIF", "image/avif", {"quality": 55, "speed": 8}),
    "webp": ("WEBP", "image/webp", {"quality": 75, "method": 4}),
    "jpeg": ("JPEG", "image/jpeg", {"quality": 80, "optimize": True, "progressive": True}),
    "png": ("PNG", "image/png", {"optimize": True}),
}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}


@dataclass(frozen=True)
class Variant:
    format: str  # a key of ENCODERS
    width: int
    height: int
    name: str  # where it is published, relative to the output folder

    @property
    def mime(self):
        return ENCODERS[self.format][1]


def widths_for(original, widths):
    """The published widths: each configured width narrower than the
    original, then the original's own width if it is below the largest."""
    largest = max(widths)
    chosen = sorted({width for width in widths if width < original.width} | {min(original.width, largest)})
    return chosen


def fallback_format(original):
    """What browsers without AVIF or WebP get: PNG for a PNG (a diagram, a
    screenshot, a transparent logo), JPEG for a photo."""
    return "png" if original.format == "PNG" or original.alpha else "jpeg"


def safe_name(name):
    """A published path made of ASCII letters, digits, « . », « _ » and « - »
    only: « images/Photo Été.JPG » is published as images/Photo-Ete…, so
    its URLs need no escaping in src and srcset (where a space or a comma
    would split the list)."""
    parts = []
    for part in PurePosixPath(name).parts:
        ascii_part = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
        parts.append(re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_part).strip("-.") or "image")
    return "/".join(parts)


def plan(original, widths, formats):
    """Every Variant of `original`, by format then width."""
    stem = safe_name(PurePosixPath(original.name).with_suffix("").as_posix())
    variants = []
    for kind in [*formats, fallback_format(original)]:
        for width in widths_for(original, widths):
            height = max(1, round(original.height * width / original.width))
            variants.append(Variant(kind, width, height, f"{stem}.{original.key[:8]}-{width}.{EXTENSIONS[kind]}"))
    return variants


def cached_file(cache, original, variant):
    return Path(cache) / original.key / f"{variant.width}.{EXTENSIONS[variant.format]}"


def missing(cache, original, variants):
    """The variants the cache has no whole file of (a stat each: publish() checks their hash)."""
    return [variant for variant in variants if not is_sealed(cached_file(cache, original, variant))]


@functools.cache
def _srgb():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def to_srgb(picture, alpha):
    """The picture in RGB (RGBA if `alpha`), its colours converted to sRGB
    with its embedded profile if it has one, and no profile kept. A profile
    LittleCMS cannot read or apply (a damaged one, a grey one) is dropped:
    the pixels are converted as Pillow does without one."""
    mode = "RGBA" if alpha else "RGB"
    icc = picture.info.get("icc_profile")
    picture.info = {}
    if icc and picture.mode in ("RGB", "RGBA", "CMYK"):
        try:
            embedded = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            picture = ImageCms.profileToProfile(picture, embedded, _srgb(),
                                                outputMode="RGBA" if picture.mode == "RGBA" else "RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    picture = picture if picture.mode == mode else picture.convert(mode)
    picture.info = {}  # LittleCMS tags its result with the sRGB profile: not kept either
    return picture


def encode(original, variants, cache):
    """Decode the original once and write each variant into the cache.
    Raises OSError (a truncated or broken file) from Pillow."""
    widest = max(variants, key=lambda variant: variant.width)
    with Image.open(original.path) as image:
        # A JPEG is decoded directly at the smallest scale (1/2, 1/4, 1/8)
        # still larger than the widest variant: a quarter of the work.
        turned = image.getexif().get(EXIF_ORIENTATION, 1) in QUARTER_TURNS
        image.draft(image.mode, (widest.height, widest.width) if turned else (widest.width, widest.height))
        image.load()
        picture = ImageOps.exif_transpose(image)
    # Nothing of the original's metadata travels: not EXIF (GPS, camera),
    # not XMP, not comments, not the colour profile (the pixels are sRGB).
    picture = to_srgb(picture, original.alpha)
    folder = Path(cache) / original.key
    folder.mkdir(parents=True, exist_ok=True)
    resized = {}
    for variant in sorted(variants, key=lambda item: -item.width):
        if variant.width not in resized:
            # Each width from the one above it, not from the original: as sharp, and much less work.
            larger = resized[min(resized)] if resized else picture
            resized[variant.width] = larger.resize((variant.width, variant.height), Image.Resampling.LANCZOS,
                                                   reducing_gap=3.0) if (variant.width, variant.height) != larger.size else larger
        frame = resized[variant.width]
        kind, _mime, options = ENCODERS[variant.format]
        if kind == "JPEG" and frame.mode != "RGB":
            frame = frame.convert("RGB")
        _write_atomically(cached_file(cache, original, variant), frame, kind, options)


def encode_job(job):
    """Encode one picture's missing variants, job = (original, variants,
    cache): how many, or None when its file is broken. A plain function of
    picklable data, so that it runs in a worker process under any start
    method (fork, spawn, forkserver)."""
    original, variants, cache = job
    try:
        encode(original, variants, cache)
    except (OSError, SyntaxError, ValueError):
        return None
    return len(variants)


def _write_atomically(path, frame, kind, options):
    """Write to a temporary name, then rename, then record its size and
    hash: an interrupted build never leaves half a file in the cache, and a
    file damaged later is known by its record."""
    forget(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(handle)
    try:
        frame.save(temporary, kind, **options)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    seal(path)


def publish(cache, original, variants, output_path):
    """Copy each variant from the cache into the output folder, if its
    bytes are those recorded when it was encoded; the variants whose cached
    file is damaged (removed from the cache, not published)."""
    damaged = []
    for variant in variants:
        data = read_sealed(cached_file(cache, original, variant))
        if data is None:
            damaged.append(variant)
            continue
        target = Path(output_path) / variant.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return damaged

"""The files published for one picture: several widths, never wider than
the original, in AVIF and WebP and a JPEG (or PNG) fallback, orientation
applied and every metadata (EXIF, XMP, GPS) left out.

Encoded files are kept in a cache folder by the original's hash: an
unchanged picture is copied from there, never encoded again. The cache is
safe to delete; a file appears in it only once completely written.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps

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


def plan(original, widths, formats):
    """Every Variant of `original`, by format then width."""
    stem = PurePosixPath(original.name).with_suffix("")
    variants = []
    for kind in [*formats, fallback_format(original)]:
        for width in widths_for(original, widths):
            height = max(1, round(original.height * width / original.width))
            variants.append(Variant(kind, width, height, f"{stem}.{original.key[:8]}-{width}.{EXTENSIONS[kind]}"))
    return variants


def cached_file(cache, original, variant):
    return Path(cache) / original.key / f"{variant.width}.{EXTENSIONS[variant.format]}"


def missing(cache, original, variants):
    return [variant for variant in variants if not cached_file(cache, original, variant).is_file()]


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
    icc = picture.info.get("icc_profile")
    # Nothing of the original's metadata travels: not EXIF (GPS, camera),
    # not XMP, not comments; only the colour profile, which is not private.
    picture.info = {"icc_profile": icc} if icc else {}
    if picture.mode not in ("RGB", "RGBA"):
        picture = picture.convert("RGBA" if original.alpha else "RGB")
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
        profile = {"icc_profile": icc} if icc else {}
        _write_atomically(cached_file(cache, original, variant), frame, kind, {**options, **profile})


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
    """Write to a temporary name, then rename: an interrupted build never
    leaves half a file in the cache."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(handle)
    try:
        frame.save(temporary, kind, **options)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def publish(cache, original, variants, output_path):
    """Copy each variant from the cache into the output folder."""
    for variant in variants:
        target = Path(output_path) / variant.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached_file(cache, original, variant), target)

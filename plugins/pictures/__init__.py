"""Pictures as editors add them: `![Ce que montre l’image](/images/x.jpg)`
in any page, offer or article (or an <img> in raw HTML) is published as a
<picture> of several widths in AVIF, WebP and JPEG (or PNG), sized, lazy
after the first, its EXIF, XMP and GPS metadata removed. The original in
content/ is never changed and never published as it is.

Two public hooks. `content_object_init` rewrites each page's HTML once it
is read: it fires on every build, also for a page Pelican's reader cache
(the preview) did not read again, and it knows the Markdown file, which an
image's relative path and every message need; a Markdown extension would
know neither. Pelican has no setter for a content's HTML: like
pelican-plugins/image-process, the rewrite is assigned to `_content`. A
generator added through `get_generators` then writes the files, encoding
only what the cache (.cache/images/, by the original's hash) lacks.

Every problem is logged as an error naming the Markdown file and line, in
French; strict_build turns them into the build's report.
"""

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Static

from parallel import map_forked, processes

from .lines import LineFinder
from .markup import find_images, is_decorative, picture, replace
from .source import PictureError, check_pixels, inspect, is_local, locate, unreadable
from .variants import encode, fallback_format, missing, plan, publish

__all__ = ["DEFAULTS", "register"]

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The widths published for each picture (never wider than the original).
    "PICTURES_WIDTHS": [360, 540, 720, 1080, 1440],
    # The modern formats offered before the JPEG or PNG fallback.
    "PICTURES_FORMATS": ["avif", "webp"],
    # How wide a picture is shown: the text column of theme/static/css/style.css
    # (42rem, the measure, on a screen of 44rem and more; else the screen less its 1rem margins).
    "PICTURES_SIZES": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
    # Where encoded files are kept between builds; None: .cache/images/ beside the content folder.
    "PICTURES_CACHE_PATH": None,
    # The picture of a page that has none, for social networks (og:image): a
    # path under content/, or None for no picture at all.
    "PICTURES_SOCIAL_DEFAULT": None,
    # The widest file offered to social networks.
    "PICTURES_SOCIAL_WIDTH": 1200,
    # Limits on what an editor may add.
    "PICTURES_MAX_BYTES": 40_000_000,
    "PICTURES_MAX_PIXELS": 60_000_000,
}

_HOW_ALT = ("écrivez ce qu'elle montre entre les crochets, par exemple ![Un groupe en atelier](/images/atelier.jpg) ; "
            "si elle ne fait que décorer, écrivez « décoratif » : ![décoratif](/images/motif.jpg)")


@dataclass(frozen=True)
class SocialPicture:
    """What a page shows to social networks (og:image)."""

    name: str  # the file, relative to the output folder
    width: int
    height: int
    alt: str


# Per build: every picture to publish (path -> [Original, variants, places]).
_state = {"pictures": {}, "default": None}


def set_defaults(pelican):
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    _state.update(pictures={}, default=None)
    # This plugin names every image without text, with its line; Pelican's
    # own warning about it (no line, and against the decorative marker)
    # would only repeat it.
    logging.getLogger("pelican.readers").addFilter(_without_empty_alt_warning)


def _without_empty_alt_warning(record):
    return not str(record.msg).startswith("Empty alt attribute")


def cache_path(settings):
    configured = settings.get("PICTURES_CACHE_PATH")
    return Path(configured) if configured else Path(settings["PATH"]).resolve().parent / ".cache" / "images"


def editor_name(content, settings):
    """The content file as editors name it: content/ressources/x.md."""
    return f"{Path(settings['PATH']).name}/{Path(content.relative_source_path).as_posix()}"


def original_for(src, source_file, settings):
    target, root = locate(src, settings["PATH"], source_file)
    return checked(inspect(target, root, settings["PICTURES_MAX_BYTES"], settings["PICTURES_MAX_PIXELS"]), settings)


def checked(original, settings):
    """The original, its pixels decoded once when the cache has nothing of it."""
    if missing(cache_path(settings), original, plan(original, settings["PICTURES_WIDTHS"], [])):
        check_pixels(original)
    return original


def variants_of(original, settings):
    """(modern variants, fallback variants) of an original, remembered for writing."""
    variants = plan(original, settings["PICTURES_WIDTHS"], settings["PICTURES_FORMATS"])
    fallback = fallback_format(original)
    return [v for v in variants if v.format != fallback], [v for v in variants if v.format == fallback]


def remember(original, variants, place):
    entry = _state["pictures"].setdefault(original.path, [original, set(), []])
    entry[1].update(variants)
    entry[2].append(place)


def url_maker(settings):
    siteurl = settings.get("SITEURL", "")
    return lambda name: f"{siteurl}/{name}"


def alt_problem(alt):
    if alt is None:
        return f"l'image n'a pas de texte de remplacement (alt) : {_HOW_ALT}"
    if not alt.strip():
        return f"le texte de remplacement de l'image est vide : {_HOW_ALT}"
    return None


def rewrite_content(content):
    """Put a <picture> in place of each local image of a page or article."""
    if isinstance(content, Static) or content.status == "draft":
        return
    settings = content.settings
    source, finder = editor_name(content, settings), LineFinder(content.source_path)
    replacements, found, first = [], [], True
    for tag in find_images(content._content or ""):
        src, alt = tag.attributes.get("src", ""), tag.attributes.get("alt")
        where = f"{source}, ligne {finder.line_of(src)}"
        ours = is_local(src) and not tag.in_picture  # not another host's, the theme's, or a <picture> by hand
        problems = [problem for problem in [alt_problem(alt)] if problem]
        try:
            original = original_for(src, content.source_path, settings) if ours else None
        except PictureError as error:
            problems.append(str(error))
        for problem in problems:
            logger.error("%s : l'image « %s » : %s.", where, src, problem)
        if problems:
            replacements.append((tag, ""))  # the build stops; nothing to echo further down
        elif ours:
            modern, fallback = variants_of(original, settings)
            remember(original, modern + fallback, where)
            text = "" if is_decorative(alt) else alt.strip()
            replacements.append((tag, picture(modern, fallback, text, settings["PICTURES_SIZES"], url_maker(settings),
                                              first, tag.attributes)))
            found.append((fallback, text))
        first = False
    if replacements:
        content._content = replace(content._content, replacements)
    content.social_picture = social_picture(content, found, finder, source)


def social_for(fallback, alt, settings):
    """The fallback file closest below the width social networks want."""
    fitting = [v for v in fallback if v.width <= settings["PICTURES_SOCIAL_WIDTH"]] or fallback[:1]
    chosen = max(fitting, key=lambda variant: variant.width)
    return SocialPicture(chosen.name, chosen.width, chosen.height, alt)


def social_picture(content, found, finder, source):
    """The page's picture for social networks: its `image:` field, else its
    first picture with a text; None leaves the site's default to the theme."""
    settings = content.settings
    field = content.metadata.get("image")
    if field is not None:
        line = finder.key_line("image")
        if not (isinstance(field, dict) and isinstance(field.get("src"), str) and isinstance(field.get("alt"), str)
                and field["alt"].strip()):
            logger.error("%s, ligne %s, champ « image » : écrivez en dessous, indentés de deux espaces, src: (le chemin "
                         "de l'image, par exemple /images/atelier.jpg) et alt: (ce qu'elle montre).", source, line)
            return None
        try:
            original = original_for(field["src"], content.source_path, settings)
        except PictureError as error:
            logger.error("%s, ligne %s, champ « image » : %s.", source, line, error)
            return None
        modern, fallback = variants_of(original, settings)
        remember(original, fallback, f"{source}, ligne {line}")
        return social_for(fallback, field["alt"].strip(), settings)
    described = [(fallback, alt) for fallback, alt in found if alt]
    return social_for(*described[0], settings) if described else None


def share_default(generators):
    """The site's default picture for social networks (PICTURES_SOCIAL_DEFAULT), for every template."""
    context, settings = generators[0].context, generators[0].settings
    name = settings.get("PICTURES_SOCIAL_DEFAULT")
    context["social_picture_default"] = None
    if not name:
        return
    try:
        original = original_for("/" + str(name).lstrip("/"), settings["PATH"], settings)
    except PictureError as error:
        logger.error("pelicanconf.py, réglage PICTURES_SOCIAL_DEFAULT : %s.", error)
        return
    _modern, fallback = variants_of(original, settings)
    remember(original, fallback, "pelicanconf.py, réglage PICTURES_SOCIAL_DEFAULT")
    context["social_picture_default"] = social_for(fallback, "", settings)


def write_pictures(settings, output_path):
    """Encode what the cache lacks (on every core), then copy every variant
    into the output folder."""
    cache = cache_path(settings)
    pictures = list(_state["pictures"].values())
    jobs = [(original, todo, places) for original, variants, places in pictures if (todo := missing(cache, original, variants))]
    workers = processes(settings)
    # Encoding is most of a cold build: one picture per core, in forked
    # workers (plugins/parallel), as soon as there are two to encode.
    if workers > 1 and len(jobs) > 1:
        outcomes = map_forked(functools.partial(_encode, cache=cache), jobs, workers)
        counts = [None if outcome.error else outcome.value for outcome in outcomes]
    else:
        counts = [_encode(job, cache) for job in jobs]
    for (original, _todo, places), count in zip(jobs, counts):
        if count is None:
            for place in places:
                logger.error("%s : l'image « %s » : %s.", place, original.name, unreadable(original.path))
    for original, variants, _places in pictures:
        if not missing(cache, original, variants):
            publish(cache, original, variants, output_path)
    encoded = sum(count or 0 for count in counts)
    logger.info("Images : %d fichiers encodés, %d repris du cache (%s).", encoded,
                sum(len(variants) for _o, variants, _p in pictures) - encoded, cache)


def _encode(job, cache):
    """Encode one picture's missing variants: how many, or None when its file is broken."""
    original, todo, _places = job
    try:
        encode(original, todo, cache)
    except (OSError, SyntaxError, ValueError):
        return None
    return len(todo)


class PictureFiles:
    """A generator whose only output is the pictures' files."""

    def __init__(self, context, settings, path, theme, output_path, **_):
        self.context, self.settings, self.output_path = context, settings, output_path

    def generate_output(self, writer):
        write_pictures(self.settings, self.output_path)


def add_generator(pelican):
    return PictureFiles


def register():
    signals.initialized.connect(set_defaults)
    signals.content_object_init.connect(rewrite_content)
    signals.all_generators_finalized.connect(share_default)
    signals.get_generators.connect(add_generator)

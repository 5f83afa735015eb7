"""Pictures as editors add them: `![Ce que montre l’image](/images/x.jpg)`
in any page, offer or article (or an <img> in raw HTML) is published as a
<picture> of several widths in AVIF, WebP and JPEG (or PNG), sized, lazy
after the first, its EXIF, XMP and GPS metadata removed. The original in
content/ is never changed and never published as it is.

Public hooks only. The HTML is rewritten where it is made: at
`readers_init`, the Markdown and HTML readers of `reader_classes` become
subclasses whose `read()` rewrites the HTML the original returns (reader.py).
There the source file is known (relative paths, lines for messages), and
the pictures to publish, the social picture and the problems found go into
the returned metadata: Pelican's reader cache (the preview's) keeps them
with the HTML they match. A generator (from `get_generators`) collects them
from every published or hidden page and article, says the problems on every
build, and writes the pictures' files, encoding only what the cache
(.cache/images/, by the original's hash) lacks, one picture per process.
Pelican's public API has no setter for a content's HTML after reading
(image-process assigns the private `_content`): the reader is the place.

Pelican's signals: `initialized` (settings' defaults), `readers_init` (each
reader wrapped, to rewrite its pictures), `get_generators` (the generator
that writes the pictures' files).
"""

import logging
from concurrent.futures import ProcessPoolExecutor

from pelican import signals

from core.plugins import adds, apply_defaults, require, workers
from core.site import is_local

from .reader import SocialPicture, Where, cache_path, original_for, social_for, variants_of, wrap_readers
from .source import PictureError, changed_since_read, unreadable
from .variants import encode_job, missing, publish

__all__ = ["DEFAULTS", "SocialPicture", "encode_all", "is_handled", "register"]

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


def is_handled(src):
    """Whether an image written with this address (`![…](src)` or
    `<img src>` in a content file) is published by this plugin, at a URL
    built from SITEURL: a file of the site, not another host's, a data: URI
    or the theme's. For images only: a link `[…](/images/x.jpg)` is not."""
    return is_local(src)


def set_defaults(pelican):
    # A mistake in a picture is logged (or raised by the reader, which Pelican
    # logs); strict_build turns that into a failed build with its report.
    require(pelican.settings, "pictures", "strict_build")
    apply_defaults(pelican.settings, DEFAULTS)
    # Pelican warns about every alt="" it reads, also the alt="" this plugin
    # gives a picture marked « décoratif » on purpose; an image without text
    # is named by this plugin already, with its line.
    logging.getLogger("pelican.readers").addFilter(_without_empty_alt_warning)


def _without_empty_alt_warning(record):
    return not str(record.msg).startswith("Empty alt attribute")


class PictureFiles:
    """A generator whose only output is the pictures' files."""

    def __init__(self, context, settings, path, theme, output_path, **_):
        self.context, self.settings, self.output_path = context, settings, output_path
        self.pictures = {}  # (path, key) -> [Original, set of variants, places]

    def generate_context(self):
        """Collect what every written page needs; the site's default social picture."""
        for content in self.context["generated_content"].values():
            if content is not None and content.status in ("published", "hidden"):  # None: a file that failed
                for planned in content.metadata.get("pictures", ()):
                    self.add(planned.original, planned.variants, planned.place)
                for problem in content.metadata.get("picture_problems", ()):
                    logger.error("%s", problem)  # a Problem, placed where the editor wrote the picture
        self.context["social_picture_default"] = self.social_default()
        for original, _variants, places in self.pictures.values():
            if changed_since_read(original):
                logger.error("%s", places[0].problem(
                    f"l'image content/{original.name} a changé depuis la dernière lecture de la page par l'aperçu",
                    "lancez « make clean » puis reconstruisez le site"))

    def add(self, original, variants, place):
        entry = self.pictures.setdefault((original.path, original.key), [original, set(), []])
        entry[1].update(variants)
        entry[2].append(place)

    def social_default(self):
        """The site's default picture for social networks (PICTURES_SOCIAL_DEFAULT)."""
        name, where = self.settings.get("PICTURES_SOCIAL_DEFAULT"), Where("pelicanconf.py")
        if not name:
            return None
        try:
            original = original_for("/" + str(name).lstrip("/"), self.settings["PATH"], self.settings)
        except PictureError as error:
            logger.error("%s", where.problem(f"réglage PICTURES_SOCIAL_DEFAULT : {error.message}", error.fix))
            return None
        _modern, fallback = variants_of(original, self.settings)
        self.add(original, fallback, where)
        return social_for(fallback, "", self.settings)

    def generate_output(self, writer):
        write_pictures(list(self.pictures.values()), self.settings, self.output_path)


def write_pictures(pictures, settings, output_path):
    """Encode what the cache lacks, then copy every variant into the output
    folder. A cached file found damaged when copied (its bytes are not
    those recorded) is encoded again, then copied: never published broken."""
    cache = cache_path(settings)
    count = workers(settings)
    jobs = [(original, todo, cache) for original, variants, _places in pictures if (todo := missing(cache, original, variants))]
    counts = encode_all(jobs, count)
    broken = {job[0] for job, count in zip(jobs, counts, strict=True) if count is None}
    retry = []
    for original, variants, places in pictures:
        if original in broken:
            said_unreadable(original, places)
        elif damaged := publish(cache, original, variants, output_path):
            retry.append((original, damaged, places))
    again = encode_all([(original, damaged, cache) for original, damaged, _places in retry], count)
    for (original, damaged, places), count in zip(retry, again, strict=True):
        if count is None or publish(cache, original, damaged, output_path):
            said_unreadable(original, places)
    encoded = sum(count or 0 for count in counts + again)
    logger.info("Images : %d fichiers encodés, %d repris du cache (%s).", encoded,
                sum(len(variants) for _o, variants, _p in pictures) - encoded, cache)


def said_unreadable(original, places):
    """A picture that could not be encoded, named at each place (a Where) that shows it."""
    error = unreadable(original.path)
    for place in places:
        logger.error("%s", place.problem(f"l'image « {original.name} » : {error.message}", error.fix))


def encode_all(jobs, workers):
    """encode_job() of each job: encoding is most of a cold build, so one
    picture per process when there are two or more to encode."""
    if workers < 2 or len(jobs) < 2:
        return [encode_job(job) for job in jobs]
    with ProcessPoolExecutor(min(workers, len(jobs))) as pool:
        return list(pool.map(encode_job, jobs))


add_generator = adds(PictureFiles)


def register():
    signals.initialized.connect(set_defaults)
    signals.readers_init.connect(wrap_readers)
    signals.get_generators.connect(add_generator)

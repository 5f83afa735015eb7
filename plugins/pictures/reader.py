"""The readers' side: each Markdown or HTML file's images rewritten as
<picture> in the HTML its reader returns, and what the page needs recorded
in its metadata (`pictures`: the files to publish; `social_picture`;
`picture_problems`: Problems (core/problems.py) placed at the content file
and the line where the editor wrote the picture, said by the generator on
every build, so that a page kept in Pelican's reader cache says them again,
and beside any other problem of the page, such as its offer's fields;
`written_as`: for each address of a published file that the page shows in
place of a picture, the address the editor wrote and its line, so that a
check of the built page names that line, not the theme's template).

`wrap_readers` replaces, at `readers_init`, each class of the public
`reader_classes` for these extensions by a subclass of it. Another plugin
that replaces the Markdown reader at the same signal (yaml_front_matter)
may run before or after this one: the wrapper is core/readers.py's, which
such a plugin builds again around its reader when it finds one in place.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from core.names import editor_name
from core.problems import Problem, label_of
from core.readers import wrapped_reader
from core.site import is_local

from .lines import LineFinder
from .markup import find_images, is_decorative, picture, replace
from .source import PictureError, check_pixels, inspect, locate
from .variants import fallback_format, missing, plan

# The files whose HTML may hold images: Markdown and HTML, by extension.
EXTENSIONS = ("md", "markdown", "mkd", "mdown", "html", "htm")

_HOW_ALT = ("écrivez ce qu'elle montre entre les crochets, par exemple ![Un groupe en atelier](/images/atelier.jpg) ; "
            "si elle ne fait que décorer, écrivez « décoratif » : ![décoratif](/images/motif.jpg)")
_HOW_FIELD = ("écrivez en dessous, indentés de deux espaces, src: (le chemin de l'image, par exemple "
              "/images/atelier.jpg) et alt: (ce qu'elle montre)")


@dataclass(frozen=True)
class SocialPicture:
    """What a page shows to social networks (og:image)."""

    name: str  # the file, relative to the output folder
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Where:
    """Where a picture is written: the file as editors name it (content/x.md),
    the line (None when the text does not show it), the front matter field
    (image) when it is one."""

    file: str
    line: int | None = None
    key: str | None = None

    def problem(self, message, fix=None):
        """The Problem of the picture written here, for every report."""
        return Problem(message, file=self.file, line=self.line, key=self.key, label=label_of(self.key), fix=fix)


@dataclass(frozen=True)
class Planned:
    """Files of one picture that a page needs, and where the page names it."""

    original: object  # source.Original
    variants: tuple
    place: Where
    src: str = ""  # its address as the editor wrote it


def wrap_readers(readers):
    """Every Markdown and HTML reader class, wrapped (once)."""
    for extension in EXTENSIONS:
        current = readers.reader_classes.get(extension)
        if current is not None and not getattr(current, "reads_pictures", False):
            readers.reader_classes[extension] = wrapped_reader(current, "reads_pictures", with_pictures)


def with_pictures(reader, source_path, content, metadata):
    """What the reader read, with its pictures (`rewrite`)."""
    return rewrite(content, metadata, source_path, reader.settings)


def cache_path(settings):
    configured = settings.get("PICTURES_CACHE_PATH")
    return Path(configured) if configured else Path(settings["PATH"]).resolve().parent / ".cache" / "images"


def original_for(src, source_file, settings):
    target, root = locate(src, settings["PATH"], source_file)
    original = inspect(target, root, settings["PICTURES_MAX_BYTES"], settings["PICTURES_MAX_PIXELS"])
    if missing(cache_path(settings), original, plan(original, settings["PICTURES_WIDTHS"], [])):
        check_pixels(original)  # decoded once, when the cache has nothing of it
    return original


def variants_of(original, settings):
    """(modern variants, fallback variants) of an original."""
    variants = plan(original, settings["PICTURES_WIDTHS"], settings["PICTURES_FORMATS"])
    fallback = fallback_format(original)
    return [v for v in variants if v.format != fallback], [v for v in variants if v.format == fallback]


def url_maker(settings):
    """The URL of a published file: its name is made safe already
    (variants.safe_name), quoted all the same, for src and srcset."""
    siteurl = settings.get("SITEURL", "")
    return lambda name: f"{siteurl}/{quote(name)}"


def alt_problem(alt):
    """(what is wrong, the fix) with an image's text, or None."""
    if alt is None:
        return "l'image n'a pas de texte de remplacement (alt)", _HOW_ALT
    if not alt.strip():
        return "le texte de remplacement de l'image est vide", _HOW_ALT
    return None


def rewrite(html, metadata, source_path, settings):
    """(html, metadata) with a <picture> in place of each local image, and
    the metadata `pictures`, `social_picture`, `picture_problems` and `written_as`."""
    if str(metadata.get("status", "")).lower() == "draft":  # not written: nothing to publish, nothing to say yet
        return html, metadata
    source = editor_name(source_path, settings["PATH"])
    finder = LineFinder(source_path, metadata)
    replacements, found, pictures, problems = [], [], [], []
    for index, tag in enumerate(find_images(html or "")):
        src, alt = tag.attributes.get("src", ""), tag.attributes.get("alt")
        where = Where(source, finder.line_of(src))
        ours = is_local(src) and not tag.in_picture  # not another host's, the theme's, or a <picture> by hand
        said = [problem for problem in [alt_problem(alt)] if problem]
        try:
            original = original_for(src, source_path, settings) if ours else None
        except PictureError as error:
            said.append((error.message, error.fix))
        problems += [where.problem(f"l'image « {src} » : {what}", fix) for what, fix in said]
        if said:
            replacements.append((tag, ""))  # the build stops; nothing to echo further down
        elif ours:
            modern, fallback = variants_of(original, settings)
            pictures.append(Planned(original, tuple(modern + fallback), where, src))
            text = "" if is_decorative(alt) else alt.strip()
            replacements.append((tag, picture(modern, fallback, text, settings["PICTURES_SIZES"], url_maker(settings),
                                              index == 0, tag.attributes)))
            found.append((fallback, text))
    social = social_picture(metadata, source_path, settings, found, finder, source, pictures, problems)
    html = replace(html, replacements) if replacements else html
    return html, {**metadata, "pictures": tuple(pictures), "social_picture": social, "picture_problems": tuple(problems),
                  "written_as": written_as(pictures, settings)}


def written_as(pictures, settings):
    """{address of a published file, as the page shows it: (address the
    editor wrote, its line)}, the first picture's for a file two show."""
    url, written = url_maker(settings), {}
    for planned in pictures:
        for variant in planned.variants:
            written.setdefault(url(variant.name), (planned.src, planned.place.line))
    return written


def social_for(fallback, alt, settings):
    """The fallback file closest below the width social networks want."""
    fitting = [v for v in fallback if v.width <= settings["PICTURES_SOCIAL_WIDTH"]] or fallback[:1]
    chosen = max(fitting, key=lambda variant: variant.width)
    return SocialPicture(chosen.name, chosen.width, chosen.height, alt)


def social_picture(metadata, source_path, settings, found, finder, source, pictures, problems):
    """The page's picture for social networks: its `image:` field, else its
    first picture with a text; None leaves the site's default to the theme."""
    field = metadata.get("image")
    if field is None:
        described = [(fallback, alt) for fallback, alt in found if alt]
        return social_for(*described[0], settings) if described else None
    where = Where(source, finder.key_line("image"), "image")
    if not (isinstance(field, dict) and isinstance(field.get("src"), str) and isinstance(field.get("alt"), str)
            and field["alt"].strip()):
        problems.append(where.problem("l'image de partage doit avoir son chemin (src) et ce qu'elle montre (alt)",
                                      _HOW_FIELD))
        return None
    try:
        original = original_for(field["src"], source_path, settings)
    except PictureError as error:
        problems.append(where.problem(error.message, error.fix))
        return None
    _modern, fallback = variants_of(original, settings)
    pictures.append(Planned(original, tuple(fallback), where, field["src"]))
    return social_for(fallback, field["alt"].strip(), settings)

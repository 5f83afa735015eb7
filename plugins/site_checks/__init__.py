"""Checks of the written site, run by every build: every link that points
into the site leads somewhere (see links.py), and no published picture
keeps its EXIF or XMP metadata (images.py). Also the checks of `make check`,
run on the finished site: valid HTML (html_validity.py, the Nu Html Checker)
and accessibility (accessibility.py, axe-core in Chromium).

Both checks run on Pelican's `finalized`, once every file is written;
their problems stop the build in one French report (core/build.py's `fail`), so
nothing is published.

Pelican's signals: `initialized` (settings' defaults), `all_generators_finalized` (the source of each page and
the drafts' addresses remembered), `finalized` (the written site checked).
"""

from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from pelican import signals

from core.build import fail
from core.document import source_text
from core.names import editor_path
from core.plugins import apply_defaults, plugin_names
from core.site import is_local

from .collisions import collision_problems
from .images import metadata_problems
from .links import PREVIEW_ORIGIN, Problem, Result, check_site
from .report import describe, external_lines, in_source
from .root_links import root_link_problems
from .source_lines import source_lines
from .workers import processes

__all__ = ["DEFAULTS", "Problem", "Result", "check_site", "describe", "external_lines", "register"]

DEFAULTS = {
    # The file where parsed pages are kept between builds (the preview sets it); None: none.
    "LINK_CHECK_CACHE": None,
}

# What the build knows and the written files do not: the content file behind
# each page, the URL each draft would have if it were published, and the
# addresses a plugin wrote in a page in place of what its editor wrote.
_known = {"sources": {}, "drafts": {}, "root_links": [], "documents": {}, "written": {}}


def published_url(content):
    """The URL a draft would have once published (PAGE_URL or ARTICLE_URL)."""
    setting = "ARTICLE_URL" if type(content).__name__ == "Article" else "PAGE_URL"
    return content.settings[setting].format(**content.url_format)


def remember_contents(generators):
    context = generators[0].context
    sources, drafts, published, documents, names, written = {}, {}, [], {}, {}, {}
    for content in context["generated_content"].values():
        source = names[id(content)] = editor_path(content, context)  # named once: paths are slow
        if content.status == "draft":
            # Linked by hand (the URL it will have) or with {filename} (DRAFT_URL).
            for url in {published_url(content), content.url} - {""}:
                drafts[url] = source
        elif content.status in ("published", "hidden") and (content.url or content.save_as):
            sources["/" + content.url] = source  # the home page's url is "": "/"
            # The files of its pictures (plugins/pictures): {address shown: (address written, line)}.
            written["/" + content.url] = content.metadata.get("written_as") or {}
            published.append(content)
            documents[source] = content  # its file's text is in what the reader kept
    # Two pages at one address, or none: stop before Pelican's writer would.
    fail(collision_problems(published, context, lambda content: names[id(content)]))
    # Each published file's text, as its reader kept it (not read again), for
    # the check of links written from the root.
    texts = {source: text_of(documents[source]) for source in sorted(documents)}
    _known.update(sources=sources, drafts=drafts, documents=documents, written=written,
                  root_links=find_root_links(context, sources, texts))
    # What a page would load from another host is refused with the rest of the
    # HTML outside the allow-list, by plugins/html_allowlist.


def text_of(content):
    """The text of a page's content file (core/document.py's source_text)."""
    return source_text(content.source_path, content.metadata)


def find_root_links(context, sources, texts):
    """Links written from the server's root, in every published content file
    (root_links.py): the same lines in the preview and in `make check`."""
    problems, handled = [], picture_handled(context)
    for source, text in texts.items():
        problems += root_link_problems(source, text, sources, static_folders(context), handled)
    return problems


def static_folders(settings):
    """The folders whose files `{static}` links to: STATIC_PATHS, and the
    documents of plugins/attachments (content/documents/)."""
    folders = list(settings.get("STATIC_PATHS", []))
    if "attachments" in plugin_names(settings):
        folders.append(settings["ATTACHMENTS_PATH"])
    return folders


def picture_handled(settings):
    """With the pictures plugin, `![…](/images/x.jpg)` is published at
    SITEURL, so it is no root link; without it, it is one."""
    return is_local if "pictures" in plugin_names(settings) else None


def link_problems(pelican, result):
    """The link problems of the written site (`result`, check_site's), as
    lines for the build's report, each at the line of the content file where
    the link is written."""
    settings = pelican.settings
    # A root link is reported once, with its fix, not again by the link check.
    said = {link for link, _ in _known["root_links"]}
    problems = [problem for problem in result.problems if problem.link not in said]

    def read_source(page):
        source = _known["sources"].get(page)
        return text_of(_known["documents"][source]) if source else None

    def target_of(problem):
        """The content file a link leads to (a draft's, or a page's)."""
        path = urlsplit(urljoin(origin + problem.page, problem.link)).path.removeprefix(urlsplit(origin).path)
        drafts, relative = _known["drafts"], path.lstrip("/")
        source = drafts.get(relative) or drafts.get(relative + "/") or _known["sources"].get(path)
        return source.split("/", 1)[1] if source else None

    origin = (settings["SITEURL"] or PREVIEW_ORIGIN).rstrip("/")

    def read_page(page):
        path = Path(pelican.output_path) / (page.lstrip("/") + ("index.html" if page.endswith("/") else ""))
        return path.read_text(encoding="utf-8") if path.is_file() else None

    lines = source_lines(problems, read_source, settings["SITEURL"], target_of, read_page)
    problems, lines = as_written(problems, lines)
    return [line for _, line in _known["root_links"]] + in_source(problems, _known["sources"], lines)


def as_written(problems, lines):
    """(problems, lines), where a link of a page is an address a plugin wrote
    in place of the editor's (a picture's published files, plugins/pictures):
    the address the editor wrote, at the line where they wrote it, never
    the theme's template, which did not write it."""
    placed = [], []
    for problem, line in zip(problems, lines, strict=True):
        written = _known["written"].get(problem.page, {}).get(problem.link)
        if written:
            problem, line = replace(problem, link=written[0] or problem.link), written[1] or line
        placed[0].append(problem)
        placed[1].append(line)
    return placed


def check_written_site(pelican):
    """Links and pictures' metadata, in one report: one fail() for both, as
    the first to fail would stop the build before the other is heard."""
    settings = pelican.settings
    result = check_site(pelican.output_path, settings["SITEURL"], _known["drafts"], processes(settings),
                        settings.get("LINK_CHECK_CACHE"))
    # The files the link check listed: the site is walked once for both.
    fail(link_problems(pelican, result) + metadata_problems(pelican.output_path, result.files))


def set_defaults(pelican):
    apply_defaults(pelican.settings, DEFAULTS)


def register():
    signals.initialized.connect(set_defaults)
    signals.all_generators_finalized.connect(remember_contents)
    signals.finalized.connect(check_written_site)

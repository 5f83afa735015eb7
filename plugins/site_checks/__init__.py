"""Checks of the written site, run by every build: every link that points
into the site leads somewhere (see links.py), and no published picture
keeps its EXIF or XMP metadata (images.py). Also the checks of `make check`,
run on the finished site: valid HTML (html_validity.py, the Nu Html Checker)
and accessibility (accessibility.py, axe-core in Chromium).

Both checks run on Pelican's `finalized`, once every file is written;
their problems stop the build in one French report (strict_build.fail), so
nothing is published.
"""

from pathlib import Path

from pelican import signals

from strict_build import fail

from .images import metadata_problems
from .links import Problem, Result, check_site
from .report import describe, external_lines
from .workers import processes

__all__ = ["Problem", "Result", "check_site", "describe", "external_lines", "register"]

# What the build knows and the written files do not: the content file behind
# each page, and the URL each draft would have if it were published.
_known = {"sources": {}, "drafts": {}}


def published_url(content):
    """The URL a draft would have once published (PAGE_URL or ARTICLE_URL)."""
    setting = "ARTICLE_URL" if type(content).__name__ == "Article" else "PAGE_URL"
    return content.settings[setting].format(**content.url_format)


def remember_contents(generators):
    context = generators[0].context
    content_path = Path(context["PATH"])
    sources, drafts = {}, {}
    for content in context["generated_content"].values():
        source = f"{content_path.name}/{content.relative_source_path}"
        if content.status == "draft":
            # Linked by hand (the URL it will have) or with {filename} (DRAFT_URL).
            for url in {published_url(content), content.url} - {""}:
                drafts[url] = source
        elif content.status in ("published", "hidden") and content.url:
            sources["/" + content.url] = source
    _known.update(sources=sources, drafts=drafts)


def link_problems(pelican):
    """The link problems of the written site, as lines for the build's report."""
    settings = pelican.settings
    result = check_site(pelican.output_path, settings["SITEURL"], _known["drafts"], processes(settings),
                        settings.get("LINK_CHECK_CACHE"))
    return [describe(problem, _known["sources"]) for problem in result.problems]


def check_written_site(pelican):
    """Links and pictures' metadata, in one report: one fail() for both, as
    the first to fail would stop the build before the other is heard."""
    fail(link_problems(pelican) + metadata_problems(pelican.output_path))


def register():
    signals.all_generators_finalized.connect(remember_contents)
    signals.finalized.connect(check_written_site)

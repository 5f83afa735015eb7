"""Checks of the written site, run by every build: every link that points
into the site leads somewhere (see links.py), and no published picture
keeps its EXIF or XMP metadata (images.py). Also the checks of `make check`,
run on the finished site: valid HTML (html_validity.py, the Nu Html Checker)
and accessibility (accessibility.py, axe-core in Chromium).

Problems join strict_build's report, so the build fails with all of them
listed and nothing is published.
"""

from pathlib import Path

from parallel import processes
from pelican import signals
from strict_build import site_written

from .images import metadata_problems
from .links import Problem, Result, check_site
from .report import describe, external_lines

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


def check_links(pelican):
    """The link problems of the written site, as lines for the build's report."""
    settings = pelican.settings
    result = check_site(pelican.output_path, settings["SITEURL"], _known["drafts"], processes(settings),
                        settings.get("LINK_CHECK_CACHE"))
    return [describe(problem, _known["sources"]) for problem in result.problems]


def check_picture_metadata(pelican):
    """Published pictures with EXIF or XMP left, as lines for the build's report."""
    return metadata_problems(pelican.output_path)


def register():
    signals.all_generators_finalized.connect(remember_contents)
    site_written.connect(check_links)
    site_written.connect(check_picture_metadata)

"""One offer's programme, HTML to PDF with WeasyPrint: A4, tagged (PDF/UA-1),
its fonts embedded, nothing fetched from another host.

WeasyPrint is the kept library for HTML and CSS to PDF in Python: it lays
out print CSS (named pages, running footers) and writes tagged PDF/UA
itself, where Chromium's PDFs are untagged and need a browser.
"""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from PIL import ImageFile
from weasyprint.urls import URLFetcher

from .cache import OPTIONS

# Importing WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole
# process; plugins/pictures must refuse a cut picture, never publish it half
# grey. A programme draws no picture of the editors': turned off again.
ImageFile.LOAD_TRUNCATED_IMAGES = False


class LocalFetcher(URLFetcher):
    """Fetches only files under the `allowed` folders (the theme, the site
    being built); anything else, another host's picture or a file elsewhere on
    the disk, is refused and remembered in `refused`."""

    def __init__(self, allowed):
        super().__init__(allowed_protocols=["file"], fail_on_errors=False)
        self.allowed = [Path(folder).resolve() for folder in allowed]
        self.refused = []

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" and not parts.netloc else None
        if path is None or not any(path.is_relative_to(folder) for folder in self.allowed):
            self.refused.append(url)
            raise ValueError(f"refused: {url}")
        return super().fetch(url, headers)


# A character the embedded fonts lack (an emoji, a private-use sign) is drawn
# as an empty box: the page shows it, the programme still says everything
# else, and an ordinary edit must not stop the build for it.
MISSING_GLYPH = ".notdef glyph rendered"


class _Kept(logging.Filter):
    """WeasyPrint's warnings while one programme renders: said once, in French, by the caller."""

    def __init__(self):
        super().__init__()
        self.records = []

    def filter(self, record):
        if record.levelno >= logging.WARNING and not record.getMessage().startswith(MISSING_GLYPH):
            self.records.append(record.getMessage())
        return record.levelno < logging.WARNING


def render_pdf(html, stylesheet, allowed):
    """(PDF bytes, problems): the PDF of `html` laid out with the CSS text
    `stylesheet`; problems are what WeasyPrint could not do or refused to fetch."""
    fetcher = LocalFetcher(allowed)
    kept = _Kept()
    logger = logging.getLogger("weasyprint")
    logger.addFilter(kept)
    try:
        base = Path(allowed[0]).resolve().as_uri() + "/"
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
        css = weasyprint.CSS(string=stylesheet, base_url=base, url_fetcher=fetcher)
        pdf = document.write_pdf(stylesheets=[css], **OPTIONS)
    finally:
        logger.removeFilter(kept)
    problems = [f"« {url} » n’est pas repris dans le programme PDF (rien n’y vient d’un autre site ni d’un autre dossier)"
                for url in fetcher.refused]
    problems += [f"WeasyPrint : {message}" for message in kept.records if not any(url in message for url in fetcher.refused)]
    return pdf, problems


def render_job(job):
    """render_pdf() for a worker process: (html, stylesheet, allowed) -> (bytes, problems) or (None, [reason])."""
    try:
        return render_pdf(*job)
    except Exception as error:
        return None, [f"WeasyPrint n’a pas pu le mettre en page ({type(error).__name__} : {error})"]

"""sitemap.xml of every published page, and robots.txt naming it.

Made from the pages as written, so every page is in it, whatever made it (a
page, an article, the article list, the comparison), and none that asks not to
be indexed (`<meta name="robots" content="noindex">`: the 404 page). Drafts
are never written, so never listed.

A page's `<lastmod>` is the day its information last changed, where it is
known: an offer's `updated` (plugins/offers: its `modified:`, or its file's
last commit), a page's or article's `modified:` (Pelican's own field). Never
the build's date: a search engine would be told every page changed.

Pelican's signals: `all_generators_finalized` (each page's date
remembered), `finalized` (sitemap.xml and robots.txt written).
"""

import datetime
import re
from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals

from core.site import url_path

_NOINDEX = re.compile(rb'<meta\s+name="robots"\s+content="[^"]*noindex', re.I)


# The day each content's page last changed, by URL path: noted before writing.
_dates = {}


def remember_dates(generators):
    """{URL path: date} of the published contents whose date is known."""
    _dates.clear()
    for content in generators[0].context["generated_content"].values():
        if content is None or content.status not in ("published", "hidden"):
            continue
        day = getattr(content, "updated", None) or getattr(content, "modified", None)
        if isinstance(day, datetime.datetime):
            day = day.date()
        if isinstance(day, datetime.date):
            _dates["/" + content.url] = day


def page_urls(output, siteurl, dates=None):
    """(absolute URL, date or None) of each page to index, in a stable order."""
    output = Path(output)
    urls = []
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        if relative.startswith("pagefind/") or _NOINDEX.search(path.read_bytes()[:4096]):
            continue
        path = url_path(relative)
        urls.append((siteurl + path, (dates or {}).get(path)))
    return urls


def sitemap_xml(urls):
    entries = "".join(f"  <url><loc>{escape(url)}</loc>{f'<lastmod>{day.isoformat()}</lastmod>' if day else ''}</url>\n"
                      for url, day in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n'


def robots_txt(siteurl):
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/sitemap.xml\n"


def write_files(pelican):
    output, siteurl = Path(pelican.output_path), pelican.settings["SITEURL"]
    (output / "sitemap.xml").write_text(sitemap_xml(page_urls(output, siteurl, _dates)), encoding="utf-8")
    (output / "robots.txt").write_text(robots_txt(siteurl), encoding="utf-8")


def register():
    signals.all_generators_finalized.connect(remember_dates)
    signals.finalized.connect(write_files)

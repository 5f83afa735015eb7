"""sitemap.xml of every published page, and robots.txt naming it.

Made from the pages as written, so every page is in it, whatever made it (a
page, an article, the article list, the comparison), and none that asks not to
be indexed (`<meta name="robots" content="noindex">`: the 404 page). Drafts
are never written, so never listed.
"""

import re
from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals

_NOINDEX = re.compile(rb'<meta\s+name="robots"\s+content="[^"]*noindex', re.I)


def url_path(relative):
    """The URL path a written file is served at: /ateliers/x/ for ateliers/x/index.html."""
    if relative == "index.html" or relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


def page_urls(output, siteurl):
    """The absolute URL of each page to index, in a stable order."""
    output = Path(output)
    urls = []
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        if relative.startswith("pagefind/") or _NOINDEX.search(path.read_bytes()[:4096]):
            continue
        urls.append(siteurl + url_path(relative))
    return urls


def sitemap_xml(urls):
    entries = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n'


def robots_txt(siteurl):
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/sitemap.xml\n"


def write_files(pelican):
    output, siteurl = Path(pelican.output_path), pelican.settings["SITEURL"]
    (output / "sitemap.xml").write_text(sitemap_xml(page_urls(output, siteurl)), encoding="utf-8")
    (output / "robots.txt").write_text(robots_txt(siteurl), encoding="utf-8")


def register():
    signals.finalized.connect(write_files)

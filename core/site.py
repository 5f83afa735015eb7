"""The built site's addresses: which written files are pages, the URL path
a file is served at, and whether an address names a file of the site.

The link check, the sitemap, the accessibility check, the tests and the web
editor all ask these questions; one answer each, here.
"""

from urllib.parse import urlsplit

# The web editor (/admin/, plugins/web_editor) is Decap CMS's application, not
# a page of the site: the checks of pages (links, accessibility) and the tests
# of pages leave it out; the Nu checker still validates its small HTML file,
# and tests/test_web_editor.py checks what it loads.
APPLICATIONS = ("admin/",)


def is_page(name):
    """Whether a file of the built site (its path in the site) is a page."""
    return name.endswith(".html") and not name.startswith(APPLICATIONS)


def url_path(file):
    """The URL path a file is served at: ateliers/index.html -> /ateliers/."""
    if file == "index.html" or file.endswith("/index.html"):
        return "/" + file.removesuffix("index.html")
    return "/" + file


def is_local(src):
    """Whether an address names a file of the site rather than another host,
    a data: URI or a file of the theme."""
    parts = urlsplit(src)
    return not (parts.scheme or parts.netloc or src.startswith("/theme/"))

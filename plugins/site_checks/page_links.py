"""What one built page links to, which fragments it offers, and its images.

One lxml parse per page: lxml is fast and knows each element's line in the
file, which the report gives (BeautifulSoup with lxml does not keep lines).
"""

from dataclasses import dataclass, field

from lxml import etree

# Attributes that hold one URL, by element.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "object": ("data",),
}
# Attributes that hold a list of image candidates (`url 2x, url 640w`).
SRCSET_ELEMENTS = ("img", "source")
# Open Graph properties whose value is a URL (og:title and the like are text).
OPEN_GRAPH_URLS = {
    f"og:{kind}{suffix}"
    for kind in ("url", "image", "audio", "video")
    for suffix in ("", ":url", ":secure_url")
    if not (kind == "url" and suffix)
}

_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True)


@dataclass(frozen=True)
class Link:
    line: int
    url: str  # as written in the page


@dataclass
class PageLinks:
    links: list = field(default_factory=list)
    ids: set = field(default_factory=set)  # every id (and legacy a[name]): the page's fragments
    base: str | None = None  # <base href>, which relative links start from
    images: list = field(default_factory=list)  # (line, attributes) of each <img>
    # The indexes in `images` of those a visitor sees on arriving, which may
    # load at once: the site's header's (a logo, above <main>) and the
    # first in <main>; else (a page without <main>, or parsed by an older
    # version and kept by the preview's cache) the first.
    seen_first: tuple = (0,)


def srcset_urls(value):
    """The URLs of a srcset, as HTML parses it: each candidate is a URL (no
    spaces, trailing commas dropped), then descriptors up to the next comma."""
    urls, position, length = [], 0, len(value)
    while position < length:
        while position < length and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < length and not value[position].isspace():
            position += 1
        url = value[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while position < length and value[position] != ",":  # descriptors
                position += 1
        if url:
            urls.append(url)
    return urls


def links_of(root):
    """A parsed page's links (line, URL as written), ids and base."""
    page = PageLinks()
    above_main, first_in_main = None, None
    for element in root.iter(tag=etree.Element):
        tag, attributes = element.tag, element.attrib
        if tag == "main" and above_main is None:
            above_main = tuple(range(len(page.images)))
        if "id" in attributes:
            page.ids.add(attributes["id"])
        line = element.sourceline or 0
        for name in URL_ATTRIBUTES.get(tag, ()):
            if name in attributes:
                page.links.append(Link(line, attributes[name]))
        if tag == "img":
            if above_main is not None and first_in_main is None \
                    and any(ancestor.tag == "main" for ancestor in element.iterancestors()):
                first_in_main = len(page.images)
            page.images.append((line, dict(attributes)))
        if tag in SRCSET_ELEMENTS and "srcset" in attributes:
            page.links.extend(Link(line, url) for url in srcset_urls(attributes["srcset"]))
        elif tag == "a" and "name" in attributes:
            page.ids.add(attributes["name"])
        elif tag == "meta" and attributes.get("property") in OPEN_GRAPH_URLS and "content" in attributes:
            page.links.append(Link(line, attributes["content"]))
        elif tag == "base" and page.base is None and "href" in attributes:
            page.base = attributes["href"]
    if above_main is not None:
        page.seen_first = (*above_main, *(() if first_in_main is None else (first_in_main,)))
    return page


def read_page(path):
    """Parse a built page (UTF-8, as Pelican writes it)."""
    root = etree.parse(str(path), _PARSER).getroot()
    return PageLinks() if root is None else links_of(root)

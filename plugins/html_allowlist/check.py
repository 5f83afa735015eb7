"""Whether a page's HTML, as Markdown made it, holds only what the allow-list
allows; if not, what is outside it.

nh3 is the authority: it parses the HTML as a browser does and keeps only
what the Policy allows. When its copy is the page's HTML itself (most pages,
compared as text), nothing was outside. Otherwise both are read again, the
page and the copy, element by element (the standard library's parser): each
element of the page that the copy lacks, or has with fewer attributes, is
outside the list; anything the copy holds that the page's reading lacks
(a comment that hid a tag from one reader and not from the other…) means the
HTML is read differently by browsers, and is refused too.
"""

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from .policy import IMPLIED, SCHEMES, STYLED, host_of


@dataclass(frozen=True)
class Element:
    """A start tag as read: its name, its attributes in order, its text."""

    tag: str
    attributes: tuple  # ((name, value), ...)
    text: str  # as written (its first line), to find it in the source


@dataclass(frozen=True)
class Offence:
    """One thing outside the allow-list. kind: "element", "attribute",
    "scheme", "host", "twice" (an attribute written twice) or "unreadable"."""

    kind: str
    tag: str
    attribute: str = ""
    value: str = ""
    host: str = ""
    text: str = ""


class _Reader(HTMLParser):
    """The elements, comments and text of an HTML fragment, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.comments, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        text = (self.get_starttag_text() or "").split("\n", 1)[0]
        self.elements.append(Element(tag, tuple((name, value or "") for name, value in attrs), text))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        self.text.append("".join(data.split()))

    def unknown_decl(self, data):
        self.comments.append(f"!{data}")

    def handle_pi(self, data):
        self.comments.append(f"?{data}")

    def handle_decl(self, decl):
        self.comments.append(f"!{decl}")


def read(html):
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def offences(html, policy):
    """What `html` holds outside `policy`, in the order it is written."""
    clean = nh3.clean(html, **policy.nh3_options())
    if clean == html or clean.replace("&nbsp;", "\xa0") == html:
        return []
    page, copy = read(html), read(clean)
    kept = Counter(map(key, copy.elements))
    found = []
    for element in page.elements:
        if kept[key(element)] > 0:
            kept[key(element)] -= 1
        else:
            found.append(explain(element, policy))
    extra = [element for element in copy.elements if kept[key(element)] > 0
             and (element.attributes or element.tag not in IMPLIED)]
    if not found and (extra or page.comments != copy.comments or "".join(page.text) != "".join(copy.text)):
        first = extra[0] if extra else None
        found.append(Offence("unreadable", first.tag if first else "", text=first.text if first else "<!--"))
    return found


def key(element):
    return element.tag, element.attributes


def explain(element, policy):
    """Why an element the sanitizer did not keep as it is is outside the list."""
    tag = element.tag
    if tag not in policy.tags:
        # What it would load, if anything: the message names the host.
        url = next((value for name, value in element.attributes if name in ("src", "data", "href") and value), "")
        return Offence("element", tag, value=url, host=host_of(url) or "", text=element.text)
    names = [name for name, _ in element.attributes]
    for name, value in element.attributes:
        if names.count(name) > 1:
            return Offence("twice", tag, name, value, text=element.text)
        if not policy.allows_attribute(tag, name):
            return Offence("attribute", tag, name, value, text=element.text)
        if name in STYLED.get(tag, {}) and value not in STYLED[tag][name]:
            return Offence("attribute", tag, name, value, text=element.text)
        verdict = policy.url_verdict(tag, name, value) if name in URL_ATTRIBUTES else None
        if verdict and verdict[0] == "host":
            return Offence("host", tag, name, verdict[1], verdict[2] or "", text=element.text)
        if verdict or (name in URL_ATTRIBUTES and not url_kept(value)):
            return Offence("scheme", tag, name, value, text=element.text)
    return Offence("unreadable", tag, text=element.text)


# The attributes whose value is an address.
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "cite", "poster", "action", "formaction", "data"})


def url_kept(value):
    """Whether nh3 keeps this address on a link: it reads entities, tabs,
    line breaks and case in a scheme as browsers do."""
    probe = nh3.clean(f'<a href="{escape_attribute(value)}"></a>', tags={"a"}, attributes={"a": {"href"}},
                      url_schemes=set(SCHEMES), link_rel=None)
    return "href=" in probe


def escape_attribute(value):
    return value.replace("&", "&amp;").replace('"', "&quot;")

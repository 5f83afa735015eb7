"""What the HTML of a page's text may hold: an allow-list, said once.

Editors write Markdown, and some HTML in it. What it becomes is checked
against these lists by nh3 (the binding of ammonia, a kept sanitizer that
parses HTML as browsers do): an element, an attribute or an address outside
them stops the build. Nothing here runs a script, loads a file from another
host, sends a form or changes where the page's links lead.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# The elements editors need: text, headings, lists, tables, quotations,
# links, pictures (as plugins/pictures writes them), abbreviations,
# definitions, details, code, and the blocks Markdown's `markdown="1"` and
# the former Jekyll site's {:.class} make.
TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "em", "strong", "b", "i", "s", "del", "ins", "sup", "sub", "mark", "small", "abbr", "cite", "q",
    "code", "pre", "kbd", "time",
    "blockquote", "figure", "figcaption",
    "ul", "ol", "li", "dl", "dt", "dd", "details", "summary",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "a", "img", "picture", "source",
    "span", "div",
})
# Elements that show a video, a sound or a page of another site: allowed only
# from a host of ALLOWED_HOSTS (pelicanconf.py), never from anywhere else.
EMBEDS = {
    "iframe": {"src", "title", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy", "sandbox"},
    "video": {"src", "poster", "controls", "width", "height", "preload", "muted", "playsinline", "loop"},
    "audio": {"src", "controls", "preload", "loop"},
    "track": {"src", "kind", "srclang", "label", "default"},
}
# Attributes every element may carry, then each element's own.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"src", "srcset", "sizes", "type", "media", "width", "height"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "time": {"datetime"}, "ol": {"start", "reversed", "type"}, "li": {"value"}, "details": {"open"},
    "th": {"scope", "colspan", "rowspan", "abbr", "headers"}, "td": {"colspan", "rowspan", "headers"},
    "col": {"span"}, "colgroup": {"span"},
}
# A table column aligned in Markdown (| :-- | --: |) gets exactly one of these
# style attributes, the only ones allowed; the CSP allows them by their hash.
ALIGNMENTS = frozenset({"text-align: left;", "text-align: center;", "text-align: right;"})
STYLED = {"th": {"style": ALIGNMENTS}, "td": {"style": ALIGNMENTS}}
# Addresses: of the site itself (relative), of the web, an email, a phone.
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The attributes by which an element makes the browser load something.
LOADS = {("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"), ("video", "src"),
         ("video", "poster"), ("audio", "src"), ("track", "src"), ("iframe", "src")}
# Elements a browser adds by itself when HTML leaves them out (<tbody> in a
# <table>, <p> for a lone </p>): found only in the sanitized copy, they are
# no difference.
IMPLIED = frozenset({"tbody", "p", "colgroup", "html", "head", "body"})


def normal_url(url):
    """A URL as a browser reads it: tabs and line breaks removed, spaces and
    control characters around it ignored, backslashes read as slashes."""
    return re.sub(r"[\t\n\r]", "", url).strip("\x00- ").replace("\\", "/")


def host_of(url):
    """The host a URL leads to, or None for one of the site (relative, {filename}…)."""
    url = normal_url(url)
    if not (url.startswith("//") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", url)):
        return None
    try:
        return (urlsplit(url).hostname or "").lower() or None
    except ValueError:
        return "?"


def scheme_of(url):
    """The scheme of a URL (« javascript »), or None for a relative one."""
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", normal_url(url))
    return match.group(1).lower() if match else None


def urls_in(attribute, value):
    """The URLs an attribute's value names: one, or each of a srcset."""
    if attribute == "srcset":
        return [part.split()[0] for part in value.split(",") if part.split()]
    return [value]


@dataclass(frozen=True)
class Policy:
    """The allow-list of one build: the fixed lists above, the hosts of
    ALLOWED_HOSTS and what HTML_ALLOWLIST_EXTRA adds."""

    tags: frozenset
    attributes: dict  # element -> frozenset of attribute names ("*": every element)
    site_hosts: frozenset  # SITEURL's host: pictures may be written with the full address
    allowed_hosts: frozenset

    def allows_attribute(self, tag, attribute):
        return attribute in self.attributes.get("*", ()) or attribute in self.attributes.get(tag, ()) \
            or attribute in STYLED.get(tag, {})

    def url_verdict(self, tag, attribute, value):
        """None when the URL(s) of this attribute are allowed; otherwise
        ("scheme", url) or ("host", url, host)."""
        for url in urls_in(attribute, value):
            scheme = scheme_of(url)
            if scheme is not None and scheme not in SCHEMES:
                return ("scheme", url)
            if (tag, attribute) in LOADS:
                host = host_of(url)
                if tag in EMBEDS and host is None:
                    return ("host", url, None)
                if host is not None and host not in self.allowed_hosts | self.site_hosts:
                    return ("host", url, host)
        return None

    def filter(self, tag, attribute, value):
        """nh3's attribute_filter: a URL that loads from a host not allowed,
        or a srcset with another scheme, is dropped (so reported)."""
        if (tag, attribute) in LOADS or attribute == "srcset":
            return None if self.url_verdict(tag, attribute, value) else value
        return value

    def nh3_options(self):
        attributes = {tag: set(names) for tag, names in self.attributes.items()}
        return {
            "tags": set(self.tags), "attributes": attributes, "tag_attribute_values": STYLED,
            "url_schemes": set(SCHEMES), "attribute_filter": self.filter, "link_rel": None,
            "strip_comments": False, "clean_content_tags": {"script", "style"} - set(self.tags),
        }


def policy(settings):
    """The Policy of a build's settings."""
    extra = settings.get("HTML_ALLOWLIST_EXTRA") or {}
    allowed_hosts = frozenset(str(host).lower() for host in settings.get("ALLOWED_HOSTS") or ())
    tags = set(TAGS) | set(extra)
    attributes = {"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}}
    if allowed_hosts:
        tags |= set(EMBEDS)
        for tag, names in EMBEDS.items():
            attributes.setdefault(tag, set()).update(names)
    for tag, names in extra.items():
        attributes.setdefault(tag, set()).update(names)
    site_host = host_of(settings.get("SITEURL") or "")
    return Policy(frozenset(tags), {tag: frozenset(names) for tag, names in attributes.items()},
                  frozenset({site_host} if site_host else ()), allowed_hosts)


def settings_problems(settings):
    """French lines for an HTML_ALLOWLIST_EXTRA that is not a small mapping of
    element names to lists of attribute names."""
    extra = settings.get("HTML_ALLOWLIST_EXTRA")
    where = "pelicanconf.py, réglage HTML_ALLOWLIST_EXTRA"
    how = 'écrivez par exemple HTML_ALLOWLIST_EXTRA = {"section": ["class"]}'
    if extra is None:
        return []
    if not isinstance(extra, dict) or len(extra) > 100:
        return [f"{where} : ce doit être un dictionnaire (des éléments et, pour chacun, la liste de ses attributs) ; {how}."]
    name = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
    problems = []
    for tag, names in extra.items():
        if not isinstance(tag, str) or not name.match(tag) or not isinstance(names, list | tuple | set) \
                or not all(isinstance(item, str) and name.match(item) for item in names):
            problems.append(f"{where} : « {tag} » : un nom d’élément en minuscules, suivi de la liste de ses "
                            f"attributs en minuscules ; {how}.")
    return problems

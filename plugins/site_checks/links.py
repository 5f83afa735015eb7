"""The link checker: every URL of every built page that points into the
site leads to a file that exists (with the exact case), and its #fragment to
an id of that page; nothing goes to localhost or to a draft; mailto: and tel:
are well formed. External links are collected, never fetched here. Each
page's images are checked from the same parse (images.py).
"""

import difflib
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from core.site import is_page, url_path

from . import parse_cache
from .addresses import mailto_problem, tel_problem
from .images import image_problems
from .page_links import read_page
from .site_files import SiteFiles
from .workers import map_all

# Where a site whose SITEURL is empty (the preview) is taken to live, so that
# its root-relative links resolve like any other.
PREVIEW_ORIGIN = "https://site.invalid"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"}
# A Pelican link that was not replaced: {filename}x.md, also once URL-quoted.
UNRESOLVED = re.compile(r"\{(filename|static|attach|index|author|category|tag)\}|%7B(filename|static|attach)%7D", re.I)
# Schemes that lead nowhere to check, and those a page must not use.
INERT_SCHEMES = {"data"}
EXTERNAL_SCHEMES = {"http", "https"}
# A link from the root (/x) or with a scheme (https:, mailto:) means the same
# on every page: checked once for the whole site.
SAME_ON_EVERY_PAGE = re.compile(r"/(?!/)|[A-Za-z][A-Za-z0-9+.-]*:")
# What check() returns for a link to another site: listed, not fetched.
_EXTERNAL = object()


class NoPage(str):
    """The reason for a link to an address where nothing is published; its
    `address` (/contact/) lets the report say each missing page once."""

    def __new__(cls, address):
        reason = super().__new__(cls, f"aucune page ni aucun fichier à l'adresse {address}")
        reason.address = address
        return reason

    def __reduce__(self):
        return NoPage, (self.address,)


@dataclass(frozen=True, order=True)
class Problem:
    page: str  # the page's URL path, /ateliers/x/
    line: int
    link: str  # as written
    reason: str  # in French


@dataclass
class Result:
    problems: list = field(default_factory=list)
    external: dict = field(default_factory=dict)  # URL -> [(page, line), …]
    pages: int = 0
    files: frozenset = frozenset()  # every file of the site (its path in it), listed once for later checks


def parsed_pages(root, names, workers, known):
    """{name: PageLinks} of the pages `names` under `root`, and {name: key}
    of their bytes when `known` (the preview's last parses, by key) is given:
    a page unchanged since the last build is not parsed again."""
    keys = {name: parse_cache.key((root / name).read_bytes()) for name in names} if known is not None else {}
    missing = [name for name in names if keys.get(name) not in (known or {})]
    found = dict(zip(missing, map_all(read_page, [root / name for name in missing], workers), strict=True))
    return {name: found[name] if name in found else known[keys[name]] for name in names}, keys


def check_site(root, siteurl="", drafts=None, workers=1, cache=None):
    """Check every link of every HTML page under `root`. `siteurl` is the
    SITEURL the site was built with (absolute links to it are internal);
    `drafts` maps the URL path a draft would have to its source file; the
    pages are parsed on `workers` cores. With `cache` (a file, the
    preview's: parse_cache.py), an unchanged page is not parsed again, and
    not checked again either while the rest of the site (its files, their
    ids, the drafts) is what it was."""
    files = SiteFiles(root)
    origin = (siteurl or PREVIEW_ORIGIN).rstrip("/")
    drafts = drafts or {}
    names = [name for name in sorted(files.files) if is_page(name)]
    kept = parse_cache.load(cache)
    pages, keys = parsed_pages(files.root, names, workers, kept["pages"] if cache else None)
    checker = _Checker(files, pages, origin, drafts)
    result = Result(pages=len(pages), files=frozenset(files.files))
    site = site_key(files, pages, origin, drafts) if cache else None
    checked = {}
    for name, page in pages.items():
        if cache:
            found = checked[keys[name], site] = kept["checked"].get((keys[name], site)) or page_findings(
                checker, name, page, origin)
        else:
            found = page_findings(checker, name, page, origin)
        problems, external = found
        result.problems += problems
        for url, line in external:
            result.external.setdefault(url, []).append((url_path(name), line))
    if cache:
        parse_cache.save(cache, {"pages": {keys[name]: page for name, page in pages.items()}, "checked": checked})
    return result


def site_key(files, pages, origin, drafts):
    """What a page's links are checked against, besides the page itself: the
    site's files, every page's ids (its fragments), the drafts, the origin."""
    ids = [(name, sorted(page.ids)) for name, page in pages.items()]
    return parse_cache.key(repr((sorted(files.files), ids, origin, sorted(drafts.items()))).encode())


def page_findings(checker, name, page, origin):
    """The problems of one page's links and images, and its external links
    ([(url, line)]): what a page unchanged in an unchanged site keeps."""
    problems, external = [], []
    page_url = origin + url_path(name)
    base = urljoin(page_url, page.base) if page.base else page_url
    for link in page.links:
        url = link.url.strip()  # as a browser reads it
        reason = checker.outcome(url, base)
        if reason is _EXTERNAL:
            external.append((url, link.line))
        elif reason:
            problems.append(Problem(url_path(name), link.line, link.url, reason))
    for index, (line, image) in enumerate(page.images):  # the same parse serves the images' check
        problems += [Problem(url_path(name), line, image.get("src", ""), reason)
                     for reason in image_problems(image, first=index in page.seen_first)]
    return problems, external


class _Checker:
    def __init__(self, files, pages, origin, drafts):
        self.files, self.pages, self.origin, self.drafts = files, pages, origin, drafts
        origin_parts = urlsplit(origin)
        self.host, self.scheme, self.prefix = origin_parts.netloc.lower(), origin_parts.scheme, origin_parts.path
        self.known = {}

    def outcome(self, url, base):
        """check(), remembered: the menu's links are on every page."""
        key = url if SAME_ON_EVERY_PAGE.match(url) else (url, base)
        if key not in self.known:
            self.known[key] = self.check(url, base)
        return self.known[key]

    def check(self, url, base):
        """Why `url` (found in a page at `base`) is wrong, _EXTERNAL, or None."""
        if not url:
            return "lien vide : indiquez l'adresse de la page visée"
        if UNRESOLVED.search(url):
            return "lien de Pelican non résolu : le fichier nommé n'existe pas dans content/ (vérifiez son nom et son dossier)"
        scheme = urlsplit(url).scheme.lower()
        if scheme == "mailto":
            return mailto_problem(url)
        if scheme == "tel":
            return tel_problem(url)
        if scheme in INERT_SCHEMES:
            return None
        if scheme and scheme not in EXTERNAL_SCHEMES:
            return (f"protocole inconnu « {scheme}: » : un lien commence par https://, mailto: ou tel:, "
                    "ou par / pour une page du site")
        return self.check_web(urljoin(base, url))

    def check_web(self, absolute):
        parts = urlsplit(absolute)
        host = (parts.hostname or "").lower()
        if parts.netloc.lower() != self.host:
            if host in LOCAL_HOSTS or host.endswith(".localhost"):
                return ("lien vers localhost : cette adresse ne marche que sur votre ordinateur ; "
                        "écrivez le chemin depuis la racine du site (/ateliers/…)")
            return _EXTERNAL
        inside = parts.path == self.prefix or parts.path.startswith(self.prefix + "/")
        if not inside:
            return (f"ce lien sort du site, dont toutes les adresses commencent par {self.origin}/ : "
                    "commencez-le par l'adresse du site ({{ SITEURL }} dans un gabarit)")
        if parts.scheme != self.scheme:
            return f"lien en {parts.scheme}:// vers le site, qui est en {self.scheme}:// : écrivez le chemin seul (/ateliers/…)"
        return self.check_internal(unquote(parts.path[len(self.prefix):].lstrip("/")), unquote(parts.fragment))

    def check_internal(self, path, fragment):
        draft = self.drafts.get(path) or self.drafts.get(path + "/")
        if draft:
            return (f"ce lien mène à un brouillon ({draft}, status: draft), qui n'est pas publié : "
                    "retirez le lien ou publiez la page")
        served = self.files.served(path)
        if served is None:
            real = self.files.spelt_otherwise(path)
            if real:
                return (f"la casse ne correspond pas : l'adresse s'écrit /{real} "
                        "(majuscules et minuscules comptent sur le serveur)")
            return NoPage(f"/{path}")
        if fragment and fragment.lower() != "top" and served in self.pages:
            ids = self.pages[served].ids
            if fragment not in ids:
                return _missing_fragment(fragment, url_path(served), ids)
        return None


def _missing_fragment(fragment, page, ids):
    close = difflib.get_close_matches(fragment, ids, n=1)
    hint = f" ; vouliez-vous dire « #{close[0]} » ?" if close else ""
    return f"l'ancre « #{fragment} » n'existe pas dans la page {page} (aucun élément n'a id=\"{fragment}\"){hint}"

"""One build of the real site per test session, read as a visitor's browser would.

Builds run Pelican as editors do (`python -m pelican`, our settings, every
plugin), in a temporary folder; pages are parsed once and shared.
"""

import ast
import copy
import functools
import inspect
import os
import re
import shutil
import socket
import sys
import textwrap
import time
from collections.abc import Hashable
from pathlib import Path

import pelican
import pytest
import yaml
from bs4 import BeautifulSoup
from markupsafe import escape
from web_editor.layout import layout_problems, not_in_layout, save_as_decap

import fresh_process
from core.document import read_front_matter
from core.organisation import read_identity
from core.runner import Runner
from core.site import is_page, url_path
from french_typography import french
from site_checks.accessibility import launch
from site_checks.lighthouse import served

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PUBLISHED_SITEURL = "https://exemple.github.io/reve"
# The réglages of the real content/ (ORGANISATION, HOST, APPEARANCE), as the site's build reads them (plugins/reglages).
REGLAGES = read_identity(CONTENT / "reglages.yml")


def site_setting(name):
    """A setting as the site's build has it: pelicanconf.py's value, or else
    the default of the plugin of PLUGINS that owns it (DEFAULTS)."""
    import importlib

    import pelicanconf

    if hasattr(pelicanconf, name):
        return getattr(pelicanconf, name)
    owners = [importlib.import_module(plugin) for plugin in pelicanconf.PLUGINS]
    return next(module.DEFAULTS[name] for module in owners if name in getattr(module, "DEFAULTS", {}))


# A build that has not ended after this long never will (a process left
# waiting for a child): the test fails with what it printed, the suite goes on.
BUILD_TIMEOUT = 600


def pelican_build(content, output, settings="pelicanconf.py", env=None, options=()):
    """Run a build as `python -m pelican` (tests/fresh_process.py); return
    the finished process (returncode, stdout, stderr)."""
    environment = {**os.environ, "COLUMNS": "250", **(env or {})}
    return fresh_process.run("pelican", [content, "-s", settings, "-o", output, *options], ROOT, environment,
                             timeout=BUILD_TIMEOUT)


# The réglages of a small site built by a test (plugins/reglages reads them
# from the content folder built): those of the fixture site.
SKELETON_REGLAGES = (ROOT / "tests" / "fixtures" / "site" / "content" / "reglages.yml").read_text(encoding="utf-8")
# The pages every site has: the theme's menu and footer link to them, and
# the link checker refuses a link to a page that does not exist; and its réglages.
SKELETON = {
    "reglages.yml": SKELETON_REGLAGES,
    "pages/accueil.md": "---\ntitle: Accueil\ntemplate: home\nsave_as: index.html\nurl: \"\"\n---\n\nBienvenue.\n",
    "pages/ateliers.md": "---\ntitle: Nos ateliers\ntemplate: two-column\n---\n\nNos ateliers.\n",
    "pages/contact.md": "---\ntitle: Nous contacter\ntemplate: contact\n---\n\nÉcrivez-nous.\n",
    "pages/demande.md": "---\ntitle: Demander une proposition\ntemplate: enquiry\n---\n\nDécrivez votre équipe.\n",
    "pages/recherche.md": "---\ntitle: Chercher\ntemplate: search\n---\n\nTapez un mot.\n",
    "pages/mentions-legales.md": "---\ntitle: Mentions légales\ntemplate: legal\n---\n\nMentions.\n",
    "pages/confidentialite.md": "---\ntitle: Confidentialité\n---\n\nAucun cookie.\n",
    "pages/accessibilite.md": "---\ntitle: Accessibilité\n---\n\nVérifiée.\n",
}


def write_content(content, files):
    """Write a small site's content folder: `files` (path in content/ ->
    text) and the skeleton's pages."""
    for name, text in {**SKELETON, **files}.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def build_files(tmp_path, files, options=()):
    """Build a small site made of `files` and the skeleton's pages; return
    the finished process and everything it printed."""
    write_content(tmp_path / "content", files)
    result = pelican_build(tmp_path / "content", tmp_path / "output", options=options)
    return result, result.stdout + result.stderr


def front_matter(path):
    """A content file's front matter, read by the site's own reader."""
    return read_front_matter(path, path.name)


# A valid offer's front matter, for small sites built by tests.
GOOD = {
    "title": "Atelier d’essai",
    "summary": "Un atelier pour vérifier la construction.",
    "method": "Groupe Balint",
    "audience": "Les professionnels du soin.",
    "objectives": ["Prendre du recul."],
    "modalities": {"duration": "2h", "frequency": "une séance par mois", "group_size": {"min": 6, "max": 10},
                   "format": "sur site", "commitment": "un an"},
    "price": {"amount": 300, "currency": "EUR", "unit": "per_session"},
}


def offer_text(data=None, body="Le texte de l’atelier.\n"):
    """An offer file: `data` (GOOD by default) as front matter, then `body`."""
    dumped = yaml.safe_dump(GOOD if data is None else data, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n\n{body}"


def good_with(**fields):
    """GOOD with some fields replaced; a value of None removes the field.
    Dotted names reach inside: modalities__duration."""
    data = copy.deepcopy(GOOD)
    for name, value in fields.items():
        *parents, last = name.split("__")
        target = data
        for parent in parents:
            target = target[parent]
        if value is None:
            del target[last]
        else:
            target[last] = value
    return data


def titled_offer(title, order=None, **fields):
    """An offer file for a small site: GOOD with its own title, an order and
    other fields replaced."""
    data = {**GOOD, "title": title, **({} if order is None else {"order": order})}
    return offer_text({**data, **fields})


# Where each folder of content/ is published (the URLs).
SECTIONS = {"pages": "/{slug}/", "ateliers": "/ateliers/{slug}/", "ressources": "/ressources/{slug}/"}


def expected_url(path):
    """The URL the issue promises for a content file."""
    meta = front_matter(path)
    if "save_as" in meta:
        return "/" + meta["save_as"].removesuffix("index.html")
    section = path.relative_to(CONTENT).parts[0]
    return SECTIONS[section].format(slug=meta.get("slug", path.stem))


@functools.cache
def published_offers():
    """The real offers' front matter by URL, in the site's order (`order`, then title)."""
    offers = {expected_url(path): front_matter(path) for path in sorted(CONTENT.glob("ateliers/*.md"))}
    published = {url: meta for url, meta in offers.items() if meta.get("status", "published") == "published"}
    return dict(sorted(published.items(), key=lambda item: (item[1].get("order", float("inf")), item[1]["title"])))


def collapse(text):
    """Runs of spaces and line breaks as one space, as a browser shows them
    (no-break spaces are kept: they are part of what is shown)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def visible_text(element):
    return collapse(element.get_text(" "))


def as_shown(text, element="p"):
    """A front matter text as a page shows it in `element`: escaped, then set
    in French typography by plugins/french_typography (whose rules have their
    own tests); what the other tests compare a page with."""
    return visible_text(BeautifulSoup(french(f"<{element}>{escape(text)}</{element}>"), "html.parser"))


def invoke(*args, env=None, timeout=None):
    """Run an editor command (tasks.py) as `make` does: `python -m invoke`
    (tests/fresh_process.py), with the tests' environment and `env`."""
    return fresh_process.run("invoke", args, ROOT, {**os.environ, **(env or {})}, timeout=timeout)


class Site:
    """A built site: its files, and each page parsed once."""

    def __init__(self, root):
        self.root = Path(root)

    def html_files(self):
        """Its pages (not the web editor's application, tested on its own)."""
        return sorted(path for path in self.root.rglob("*.html") if is_page(path.relative_to(self.root).as_posix()))

    def pages(self):
        """(URL, parsed page) for every page of the site."""
        for path in self.html_files():
            yield self.url_of(path), self.soup(self.url_of(path))

    def url_of(self, path):
        """The URL path a file is served at: /ateliers/x/ for ateliers/x/index.html."""
        return url_path(path.relative_to(self.root).as_posix())

    def file_for(self, url):
        """The file GitHub Pages serves for a URL path (a folder means its index.html)."""
        path = self.root / url.lstrip("/")
        return path / "index.html" if url.endswith("/") or path.is_dir() else path

    @functools.cache  # noqa: B019 (a Site lives as long as the session that shares it)
    def soup(self, url):
        return BeautifulSoup(self.file_for(url).read_text(encoding="utf-8"), "lxml")


class BuildFailed(AssertionError):
    """A build a fixture needs has failed; `reported` is the first test that
    showed its report (see pytest_runtest_makereport)."""

    reported = None


def build_or_fail(content, output, **options):
    result = pelican_build(content, output, **options)
    if result.returncode != 0:
        raise BuildFailed(f"la construction a échoué :\n{result.stdout}\n{result.stderr}")
    return Site(output)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A session fixture's failed build fails every test that uses it, with
    one exception object: its French report is shown once, in the first of
    them; the others point to it (before, a content error was printed once
    per test)."""
    report = yield
    error = call.excinfo.value if call.excinfo else None
    if isinstance(error, BuildFailed):
        if error.reported and error.reported != item.nodeid:
            report.longrepr = f"la même construction a échoué : voir le rapport en français sous {error.reported}"
        error.reported = error.reported or item.nodeid
    return report


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built with pelicanconf.py; any Pelican warning fails it."""
    return build_or_fail(CONTENT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The real site built with publishconf.py under a project-pages subpath."""
    output = tmp_path_factory.mktemp("published")
    return build_or_fail(CONTENT, output, settings="publishconf.py", env={"SITEURL": PUBLISHED_SITEURL})


@pytest.fixture
def content_copy(tmp_path):
    """A copy of the fixture content (tests/fixtures/site) that a test may
    break: its files and values are known, whatever editors do to content/."""
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, copy)
    return copy


@pytest.fixture(scope="session")
def site_url(site):
    """The built site served over HTTP on loopback, for the browser tests."""
    with served(site.root) as url:
        yield url


def free_port():
    """A loopback port nobody listens on (yet)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium started by the tests (the system's, as `make
    check` runs it), driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artefacts():
    """Where browser tests save screenshots (ignored by git)."""
    folder = ROOT / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder


# -- Two test loops ---------------------------------------------------------------
# `make test-fast` leaves out what needs a browser, Java or Node, what builds
# a site of its own (`site`: a build is two seconds of a core, and the tests
# make about two hundred) and what starts a new Python interpreter (`python`:
# a second of imports before it does anything). Each test is marked here, by
# the fixtures it uses, the module it is in or what its code calls, rather
# than in each file. A fixture that uses `browser` marks its tests too.
NEEDS_BY_FIXTURE = {"browser": "browser"}
NEEDS_BY_MODULE = {
    "test_html_validity": "java", "test_lighthouse": "node", "test_accessibility": "node",
    # Builds in a new interpreter that counts the files opened; `make serve`.
    "test_read_once": "site", "test_commands": "site",
}
# `make check` runs every check of the finished site: Java, Node and a browser.
NEEDS_BY_TEST = {
    "test_make_check_publishes_only_a_site_that_passes_every_check": "java",
    "test_the_whole_week_passes_make_check": "java",
}
# The sites the session builds once and shares (these fixtures of this file,
# not a module's of the same name): a few builds serve hundreds of tests,
# which keep to the short loop.
SHARED_SITES = {"site", "published_site", "fixture_site"}
TESTS = Path(__file__).resolve().parent


# What marks a test whose code, or a fixture's, calls it: Pelican run in this
# process, a command in a new one (tests/fresh_process.py), the preview's
# build process; Decap's serializer, which Node runs. The functions of tests/
# are followed to what they call.
NEEDS_BY_CALL = {pelican.Pelican: "site", pelican.main: "site", fresh_process: "site", fresh_process.run: "site",
                 Runner: "site", save_as_decap: "node", not_in_layout: "node", layout_problems: "node"}


def pytest_collection_modifyitems(items):
    for item in items:
        needs = {NEEDS_BY_FIXTURE[name] for name in item.fixturenames if name in NEEDS_BY_FIXTURE}
        needs |= {NEEDS_BY_MODULE.get(item.module.__name__), NEEDS_BY_TEST.get(item.originalname)} - {None}
        module = vars(item.module)
        fixtures = [module.get(name, globals().get(name)) for name in item.fixturenames]
        shared = [globals()[name] for name in SHARED_SITES]
        needs |= {need for thing in [item.function, *fixtures] if not any(thing is built for built in shared)
                  for need in needs_of(thing)}
        for need in sorted(needs):
            item.add_marker(need)


def needs_of(thing):
    """The needs of a global a test's code names: its own in NEEDS_BY_CALL,
    or those of what its code calls, for a function of tests/."""
    if not (callable(thing) or inspect.ismodule(thing)) or not isinstance(thing, Hashable):
        return set()
    if thing in NEEDS_BY_CALL:
        return {NEEDS_BY_CALL[thing]}
    function = inspect.unwrap(thing)
    # A Hypothesis test is run by a wrapper; `hypothesis.inner_test` is the test written.
    function = getattr(getattr(function, "hypothesis", None), "inner_test", function)
    code = getattr(function, "__code__", None)
    if code is None or TESTS not in Path(code.co_filename).parents:
        return set()
    return code_needs(code, function.__globals__)


def starts_python(code, names):
    """Whether a function's code runs a command that begins with
    sys.executable ([sys.executable, "-m", …]): a new interpreter."""
    if "executable" not in names_in(code) or names.get("sys") is not sys:
        return False
    tree = ast.parse(textwrap.dedent(inspect.getsource(code)))
    return any(isinstance(node, ast.List | ast.Tuple) and node.elts and ast.unparse(node.elts[0]) == "sys.executable"
               for node in ast.walk(tree))


_code_needs = {}


def code_needs(code, names):
    """needs_of a function's code, found once (none while it is being found:
    a function that calls itself)."""
    if code not in _code_needs:
        _code_needs[code] = set()
        needs = {need for name in names_in(code) for need in needs_of(names.get(name))}
        _code_needs[code] = needs | ({"python"} if starts_python(code, names) else set())
    return _code_needs[code]


def names_in(code):
    """The global names a function's code uses, with its lambdas' and comprehensions'."""
    nested = [const for const in code.co_consts if inspect.iscode(const)]
    return {*code.co_names, *(name for inner in nested for name in names_in(inner))}


# -- Fixture content -------------------------------------------------------------
# Specific values (a seed's figures, a page's address, a title) are tested on
# this frozen copy of the content, never on content/, which editors change.
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site" / "content"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """The fixture content, built with pelicanconf.py."""
    return build_or_fail(FIXTURE_CONTENT, tmp_path_factory.mktemp("fixture-site"))


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site):
    """The fixture site served over HTTP on loopback."""
    with served(fixture_site.root) as url:
        yield url


@functools.cache
def published_articles():
    """The real articles' URLs, newest first: what tests of content/ look at
    instead of naming an article."""
    articles = [(front_matter(path), expected_url(path)) for path in sorted(CONTENT.glob("ressources/*.md"))]
    published = [(meta["date"], url) for meta, url in articles if meta.get("status", "published") == "published"]
    return [url for _, url in sorted(published, reverse=True)]


def page_types():
    """One page of each type the theme makes, by name: its address on the
    site built from content/ (the accessibility and browser tests visit them)."""
    return {
        "accueil": "/",
        "page": "/contact/",
        "page-deux-colonnes": "/ateliers/",
        "offre": next(iter(published_offers())),
        "comparatif": "/ateliers/comparatif/",
        "article": published_articles()[0],
        "liste-articles": "/ressources/",
        "404": "/404.html",
    }


def wait_in_page(page, expression, seconds=30):
    """Wait until `expression` is true in `page`, asked from here every 50 ms.
    Playwright's wait_for_function, once its first answer is false, polls
    with a string evaluated by the page itself, which each page's
    Content-Security-Policy forbids (no 'unsafe-eval'); page.evaluate is not
    bound by it."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"toujours faux après {seconds} s : {expression}")
        page.wait_for_timeout(50)

"""Every page tells the browser what it may run and load: a
Content-Security-Policy and a Referrer-Policy in its head
(plugins/html_allowlist/csp.py). The policy of every built page is read, each
kind of page is loaded in Chromium with no violation, and a script slipped
into a built page is stopped by the browser.
"""

import shutil

import pytest
from bs4 import BeautifulSoup
from test_preview import preview  # noqa: F401 (the preview, a fixture)

import pelicanconf
from conftest import FIXTURE_CONTENT, PUBLISHED_SITEURL, build_files, build_or_fail, wait_in_page
from site_checks.accessibility import serve_folder
from site_checks.lighthouse import served

# Recorded in the page before any of its own scripts runs.
LISTEN = ("document.addEventListener('securitypolicyviolation', (event) => "
          "(window.violations ||= []).push(event.effectiveDirective + ' ' + event.blockedURI));")
SEARCH = "/recherche/"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The fixture content built as it is published (publishconf.py)."""
    return build_or_fail(FIXTURE_CONTENT, tmp_path_factory.mktemp("csp-published"), settings="publishconf.py",
                         env={"SITEURL": PUBLISHED_SITEURL})


def policy_of(path):
    """{directive: [sources]} of a page's policy, which must come first in its
    head, just after its charset, to govern everything after it."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1, path
    head = soup.head.find_all(recursive=False)
    assert head[0].get("charset") and head[1] is metas[0], path
    return {name: values for name, *values in (part.split() for part in metas[0]["content"].split(";"))}


# The enquiry page runs its own file, which composes the mail (tests/test_enquiry.py).
ENQUIRY = "/" + pelicanconf.ENQUIRY_URL


def referrer_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("meta", attrs={"name": "referrer"})["content"]


def test_every_published_page_runs_nothing_but_the_search_page_its_own_files(published):
    pages = published.html_files()
    assert len(pages) > 10
    for path in pages:
        policy, url = policy_of(path), published.url_of(path)
        assert policy["default-src"] == ["'none'"] and policy["object-src"] == ["'none'"], url
        assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'self'", "mailto:"], url
        assert policy["style-src"] == policy["img-src"] == policy["font-src"] == ["'self'"], url
        assert policy["style-src-attr"][0] == "'unsafe-hashes'" and len(policy["style-src-attr"]) == 4, url
        assert "frame-ancestors" not in policy  # a <meta> policy cannot say it: browsers ignore it there
        if url == SEARCH:
            assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"] and policy["connect-src"] == ["'self'"]
        elif url == ENQUIRY:
            assert policy["script-src"] == ["'self'"] and policy["connect-src"] == ["'self'"], url
        else:
            assert policy["script-src"] == ["'none'"] and policy["connect-src"] == ["'self'"], url
        assert referrer_of(path) == "same-origin"


def test_the_preview_runs_its_reload_script_on_every_page(fixture_site):
    for path in fixture_site.html_files():
        policy = policy_of(path)
        assert "'self'" in policy["script-src"] and policy["connect-src"] == ["'self'"]
        assert "'unsafe-inline'" not in policy["script-src"]


@pytest.mark.parametrize("site", ["published", "fixture_site"])
def test_the_web_editor_has_its_own_policy(request, site):
    policy = policy_of(request.getfixturevalue(site).root / "admin" / "index.html")
    # Decap compiles its configuration's validators (ajv: new Function) and
    # styles itself with <style> elements (emotion); no inline script.
    assert policy["script-src"] == ["'self'", "'unsafe-eval'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "https://api.github.com" in policy["connect-src"]
    # The preview's local backend answers on the page's own origin: no other
    # local server is ever reached.
    assert not [source for source in policy["connect-src"] if "localhost" in source or "127.0.0.1" in source]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]


# Each kind of page, and what a visitor does there.
KINDS = {
    "home": "/",
    "workshop": "/ateliers/ecriture/",
    "comparison": "/ateliers/comparatif/",
    "article": "/ressources/aller-vers-et-emotions-des-travailleurs-sociaux/",
    "article-list": "/ressources/",
    "search": SEARCH,
    "enquiry": ENQUIRY,
    "not-found": "/cette-page-n-existe-pas/",
    "web-editor": "/admin/",
}


def visit(browser, root, path, act=None):
    """Load `path` of the site in `root` (as published, at its address) and
    do `act` on it; the violations reported, and the page's title."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    origin = serve_folder(context, root, PUBLISHED_SITEURL)
    page = context.new_page()
    page.goto(origin + path)
    if act:
        act(page)
    page.wait_for_timeout(300)  # a violation is reported as an event, just after
    found = page.evaluate("window.violations || []"), page.title()
    context.close()
    return found


def search(page):
    page.fill("#recherche-mots", "atelier")
    page.press("#recherche-mots", "Enter")
    page.locator(".search__results li").first.wait_for()


def sign_in_button(page):
    page.get_by_role("button", name="Se connecter avec GitHub").wait_for(timeout=30_000)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_page_works_with_no_violation(browser, published, kind):
    act = {"search": search, "web-editor": sign_in_button}.get(kind)
    violations, title = visit(browser, published.root, KINDS[kind], act)
    assert violations == [] and title


def test_a_script_slipped_into_a_built_page_is_stopped(browser, published, tmp_path):
    """Were a script, a picture of another host or a style to reach a page,
    the browser would refuse each (so the tests above can fail)."""
    root = tmp_path / "site"
    shutil.copytree(published.root, root)
    page = root / "contact" / "index.html"
    slipped = ('<script>document.title = "exécuté"</script><img src="https://autre.example/x.png" alt="">'
               '<p style="color: red" onclick="document.title = \'cliqué\'">x</p><style>p { color: red }</style>')
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", slipped + "</main>"), encoding="utf-8")

    violations, title = visit(browser, root, "/contact/", lambda page: page.click("text=x >> nth=-1"))

    assert title != "exécuté" and title != "cliqué"
    directives = {violation.split()[0] for violation in violations}
    assert {"script-src-elem", "img-src", "style-src-attr", "style-src-elem", "script-src-attr"} <= directives, violations


def test_the_preview_reloads_under_its_policy(browser, preview):  # noqa: F811
    url, _content = preview
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.goto(url + "/contact/")
    wait_in_page(page, "window.previewConnected === true")  # its script ran, its WebSocket is open
    assert page.evaluate("window.violations || []") == []
    context.close()


def test_the_columns_markdown_aligns_are_aligned_under_the_policy(tmp_path, browser):
    """Markdown aligns a table's columns with style attributes: the policy
    allows exactly those, by their hash, and no other."""
    table = "| Atelier | Tarif |\n|:--|--:|\n| Balint | 300 € |\n"
    result, said = build_files(tmp_path, {"pages/tarifs.md": f"---\ntitle: Tarifs\n---\n\n{table}"})
    assert result.returncode == 0, said
    with served(tmp_path / "output") as url:
        context = browser.new_context()
        context.add_init_script(LISTEN)
        page = context.new_page()
        page.goto(f"{url}/tarifs/")
        aligned = page.evaluate("[...document.querySelectorAll('td')].map((cell) => getComputedStyle(cell).textAlign)")
        violations = page.evaluate("window.violations || []")
        context.close()
    assert aligned == ["left", "right"] and violations == []

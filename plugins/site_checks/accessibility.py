"""Accessibility: axe-core run in Chromium on each page, for the WCAG 2.1 A
and AA rules. Chromium renders the page with its stylesheet (contrast needs
it), served straight from the built folder at the site's own address, so no
request ever leaves the machine."""

import mimetypes
from urllib.parse import unquote, urlsplit

from core.site import is_page, url_path

from .links import PREVIEW_ORIGIN
from .site_files import SiteFiles
from .tools import AXE_SCRIPT, CHROMIUM_ARGS, chromium_path, required

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def launch(playwright):
    """The system's Chromium, headless; Playwright never downloads one."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def serve_folder(context, root, siteurl=""):
    """Answer the browser's requests for the site's address from `root`, as
    GitHub Pages would; refuse any other host. Returns the site's origin."""
    files = SiteFiles(root)
    origin = (siteurl or PREVIEW_ORIGIN).rstrip("/")
    prefix = urlsplit(origin).path

    def answer(route):
        url = route.request.url
        if not (url == origin or url.startswith(origin + "/")):
            return route.abort()
        path = unquote(urlsplit(url).path[len(prefix):].lstrip("/"))
        served = files.served(path)
        status = 200 if served else 404
        served = served or ("404.html" if "404.html" in files.files else None)
        if served is None:
            return route.fulfill(status=404, body="")
        content_type = mimetypes.guess_type(served)[0] or "application/octet-stream"
        return route.fulfill(status=status, path=files.root / served, content_type=content_type)

    context.route("**/*", answer)
    return origin


def site_context(browser, root, siteurl="", script=AXE_SCRIPT):
    """A browser context that serves the built site from `root` and loads
    axe-core in every page it opens. Returns the context and the site's origin."""
    context = browser.new_context()
    context.add_init_script(path=required(script))
    return context, serve_folder(context, root, siteurl)


def violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds in a page of a site_context."""
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(result => result.violations)",
        WCAG_TAGS,
    )


def describe(page_url, violation):
    """One violation in French: the page, the rule, and where (axe's own
    description of the rule stays in English)."""
    targets = "; ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                        for node in violation["nodes"][:3])
    more = f" (et {len(violation['nodes']) - 3} autres)" if len(violation["nodes"]) > 3 else ""
    return (f"page {page_url} : accessibilité, règle « {violation['id']} » ({violation['impact']}) : "
            f"{violation['help']} ; élément(s) : {targets}{more} ; voir {violation['helpUrl']}")


def accessibility_problems(browser, root, siteurl="", pages=None):
    """Run axe-core on `pages` (URL paths; every HTML page by default) and
    return the violations as French lines."""
    files = SiteFiles(root)
    pages = pages or [url_path(name) for name in sorted(files.files) if is_page(name)]
    context, origin = site_context(browser, root, siteurl)
    try:
        page = context.new_page()
        problems = []
        for path in pages:
            page.goto(origin + path)
            problems += [describe(path, violation) for violation in violations(page)]
        return problems
    finally:
        context.close()

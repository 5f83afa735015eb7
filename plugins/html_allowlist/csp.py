"""The Content-Security-Policy of each kind of page, made from the settings.

GitHub Pages sends no headers of ours: the policy is a <meta http-equiv> in
each page's head (theme/templates/base.html writes CSP_BY_TEMPLATE), which
browsers apply to everything after it. A <meta> policy cannot say
`frame-ancestors` (who may show the page in a frame), `report-uri` nor
`sandbox`: browsers ignore them there, so they are left out.

What each page may do, and nothing else: its images, style sheet and
fonts come from the site (and the hosts of ALLOWED_HOSTS); it runs no script
but on the search page, which runs its own files and Pagefind's WebAssembly
('wasm-unsafe-eval', on that page only), and on the enquiry page, which runs
its own file (it composes the mail; the plain form works without it); no plugin, no <base>, forms sent only
to the site or to an email address (mailto:). In the preview (`make serve`,
CSP_PREVIEW_RELOAD), every page also runs the preview's reload script, a file
of the same server, and opens its WebSocket to the same server.
"""

import base64
import hashlib
import re
from pathlib import Path

from .policy import ALIGNMENTS

DEFAULTS = {
    # The preview's reload script and socket (live_preview.py): True in
    # pelicanconf.py, False in publishconf.py (the published site has none).
    "CSP_PREVIEW_RELOAD": False,
    # What other sites learn of the page a visitor comes from: nothing
    # ("same-origin"). An embed's own <iframe referrerpolicy> may say more.
    "REFERRER_POLICY": "same-origin",
    # The web editor's page, written by plugins/web_editor.
    "CSP_ADMIN_PAGE": "admin/index.html",
    # HTML a text may hold beyond the allow-list: each element and its
    # attributes, e.g. {"section": ["class"]}, published as written.
    "HTML_ALLOWLIST_EXTRA": {},
}
# Decap CMS (the web editor): where it signs in and saves (GitHub's API), the
# pictures it shows (avatars, files of the repository).
DECAP_CONNECT = ("https://api.github.com",)
DECAP_IMAGES = ("https://avatars.githubusercontent.com", "https://raw.githubusercontent.com")


def style_hash(value):
    return "'sha256-" + base64.b64encode(hashlib.sha256(value.encode("utf-8")).digest()).decode("ascii") + "'"


def serialize(directives):
    return "; ".join(" ".join([name, *values]) for name, values in directives.items() if values)


def hosts(settings):
    return [f"https://{host}" for host in settings.get("ALLOWED_HOSTS") or ()]


def page_directives(settings, search=False, own_script=False):
    """The directives of a page of the site (search: the search page;
    own_script: a page that runs a file of the site)."""
    preview = bool(settings.get("CSP_PREVIEW_RELOAD"))
    scripts = ["'self'", "'wasm-unsafe-eval'"] if search else (["'self'"] if preview or own_script else ["'none'"])
    others = hosts(settings)
    return {
        "default-src": ["'none'"],
        "script-src": scripts,
        "style-src": ["'self'"],
        # Only the column alignments Markdown writes in tables (policy.ALIGNMENTS).
        "style-src-attr": ["'unsafe-hashes'", *sorted(map(style_hash, ALIGNMENTS))],
        "img-src": ["'self'", *others],
        "font-src": ["'self'"],
        "media-src": others,
        "frame-src": others,
        # The site's own files only. A page without script fetches nothing
        # itself, but tools read robots.txt from within it (Lighthouse's SEO
        # audit fails when the page's policy forbids that).
        "connect-src": ["'self'"],
        # Pagefind searches in a worker (its own file); where a worker fails
        # it falls back to compiling its WebAssembly on the page itself.
        "worker-src": ["'self'"] if search else [],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'", "mailto:"],
    }


def page_policies(settings):
    """The policy of each template: "search", "enquiry", and "page" for all others."""
    return {"page": serialize(page_directives(settings)), "search": serialize(page_directives(settings, search=True)),
            "enquiry": serialize(page_directives(settings, own_script=True))}


def admin_policy(settings):
    """/admin/: Decap CMS, a single-page application, as strict as it allows
    (each need found by loading it in Chromium and reading the violations).
    It runs only its own files, but compiles the validators of its
    configuration with `new Function` (ajv), hence 'unsafe-eval'; it styles
    itself with <style> elements made as it runs (emotion), hence
    'unsafe-inline' for styles, never for scripts. It shows pictures being
    added (data:, blob:) and GitHub's avatars, and talks to GitHub's API, or
    in the preview to the local backend, which the preview serves on its own
    origin ('self', local_editor.py)."""
    return serialize({
        "default-src": ["'none'"],
        "script-src": ["'self'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *DECAP_IMAGES],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", *DECAP_CONNECT],
        "frame-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
    })


_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>')
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


def write_admin_policy(output_path, policy, page="admin/index.html"):
    """Put `policy` in the head of the web editor's page, if it was written."""
    path = Path(output_path) / page
    if not path.is_file():
        return
    text = _META.sub("", path.read_text(encoding="utf-8"))
    meta = f'\n  <meta http-equiv="Content-Security-Policy" content="{policy}">'
    found = _CHARSET.search(text)
    if found:
        text = text[:found.end()] + meta + text[found.end():]
        path.write_text(text, encoding="utf-8")

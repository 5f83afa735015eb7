"""The preview's server (`make serve`): serves the built site on localhost,
rebuilds it on each save and tells the open pages to reload. When a build
fails, every page shows its French report (file, line, what to fix) in
place of the site, and the site comes back by itself once the file is fixed.

Our own small server on public APIs: tornado's web server and WebSocket,
watchfiles (which Pelican itself uses to watch files) and the standard
library. livereload's public API could do none of that: it polls every
0.8 s, ignores a save made within 3 s of the last reload, and serves the
folder as it is (changing any of it meant patching its classes). The page
speaks a small part of the LiveReload protocol: `hello`, then `reload`.

Every request must name the preview itself in its `Host` (localhost,
127.0.0.1 or [::1], with this preview's port): a page of another site that
points its own name at 127.0.0.1 (DNS rebinding) gets nothing. /admin/ is
the web editor (local_editor.py saves into content/ through this server);
it is served whatever the last build did, so a mistake never locks the
editor out, and it is not reloaded after each build: its banner
(admin/banner.js) reads the last build's problems from /admin/problemes.json.
"""

import asyncio
import errno
import html
import json
import mimetypes
import sys
from pathlib import Path
from urllib.parse import unquote

import tornado.httpserver
import tornado.netutil
import tornado.routing
import tornado.web
import tornado.websocket
from watchfiles import awatch

import local_editor
from core.report import NO_DETAIL, banner, headline, html_fragment

# The files of content/ that Pelican reads as pages (its reader cache knows them).
PAGE_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown", ".html", ".htm"}
# The web editor's folder in the site: served even when the build failed,
# and never reloaded by the preview (an editor's form would be lost).
EDITOR_FOLDER = "admin"
# What Ctrl+C on `make serve` ends with: this one line (the build process, which
# Ctrl+C reaches too, ends without a word), never a traceback.
STOPPED = "Aperçu arrêté (Ctrl+C) : le dernier site construit reste dans le dossier de sortie."
# Injected into every HTML page served, never into the built files.
SCRIPT_TAG = b'<script src="/livereload.js"></script>'
RELOAD_SCRIPT = """(function () {
  var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/livereload");
  socket.onopen = function () {
    socket.send(JSON.stringify({command: "hello"}));
    window.previewConnected = true;
  };
  socket.onmessage = function (event) {
    if (JSON.parse(event.data).command === "reload") { location.reload(); }
  };
})();
"""
REPORT_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>La construction a échoué</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
pre,#problemes li{{white-space:pre-wrap;background:#fff4f2;border-left:.4rem solid #b3261e;padding:.5rem 1rem;margin:.5rem 0}}
#problemes li.avertissement{{background:#fff8e1;border-color:#8a5a00}}.ou{{font-weight:bold}}.remede{{font-style:italic}}</style>
</head><body><main><h1>La construction a échoué</h1>
<p>L’aperçu montre cette page à la place du site tant que le problème n’est pas corrigé.
Corrigez le fichier et enregistrez-le : la page reviendra d’elle-même.</p>
<div id="rapport">{report}</div></main></body></html>
"""


class Preview:
    """What the server shows: the site in `root`, or the last build's report."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        self.report = None  # the last build's Problems (or its report's text), if it failed
        self.pages = set()  # the open pages' WebSockets

    def built(self, report):
        """A build ended (`report` is None when it passed): reload every page."""
        self.report = report
        for page in list(self.pages):
            page.write_message(json.dumps({"command": "reload"}))

    def report_page(self):
        """The page shown in place of the site while the build fails: its
        problems (file, line, field as the form names it, what to fix), or
        the text of its report when it stopped before listing them."""
        if isinstance(self.report, list) and self.report:
            body = f"<p><strong>{html.escape(headline(self.report))}</strong></p>{html_fragment(self.report)}"
        else:
            body = f"<pre>{html.escape(self.report or NO_DETAIL)}</pre>"
        return REPORT_PAGE.format(report=body).encode("utf-8").replace(b"</body>", SCRIPT_TAG + b"</body>")


class SiteHandler(tornado.web.RequestHandler):
    """A file of the site as GitHub Pages serves it: a folder's index.html,
    a folder without its slash redirected, 404.html for what does not exist."""

    def initialize(self, preview):
        self.preview = preview

    def get(self, path):
        root = self.preview.root
        target = (root / unquote(path)).resolve()
        if not target.is_relative_to(root):
            raise tornado.web.HTTPError(404)
        if target.is_dir():
            if path and not path.endswith("/"):
                self.redirect("/" + path + "/", permanent=False)
                return
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, root / "404.html"
        editor = target.is_relative_to(root / EDITOR_FOLDER)
        if target.suffix == ".html" and self.preview.report is not None and not editor:
            self.send(500, "text/html; charset=utf-8", self.preview.report_page())
        elif target.suffix == ".html" and target.is_file() and not editor:
            page = target.read_bytes().replace(b"</body>", SCRIPT_TAG + b"</body>", 1)
            self.send(status, "text/html; charset=utf-8", page)
        elif target.is_file():
            self.send(status, mimetypes.guess_type(target.name)[0] or "application/octet-stream", target.read_bytes())
        else:
            raise tornado.web.HTTPError(404)

    def send(self, status, kind, body):
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", "no-store")
        self.finish(body)


class ProblemsHandler(tornado.web.RequestHandler):
    """/admin/problemes.json: the last build's problems, for the web
    editor's banner (admin/banner.js), which asks every 2 s; and, in local
    mode, the files the editor's last save wrote. Only the preview has it:
    on the published site the banner finds nothing and shows nothing."""

    def initialize(self, preview, editor):
        self.preview, self.editor = preview, editor

    def get(self):
        state = banner(self.preview.report)
        state["local"] = self.editor is not None
        state["saved"] = list(self.editor.saved) if self.editor else []
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Cross-Origin-Resource-Policy", "same-origin")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(json.dumps(state, ensure_ascii=False))


class WrongHost(tornado.web.RequestHandler):
    """Any request whose `Host` is not the preview's own address."""

    def prepare(self):
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"Adresse refusée ({self.request.host[:60]}) : l’aperçu ne répond qu’à son adresse, "
                    "celle que « make serve » affiche (http://localhost:…).\n")


class OwnHost(tornado.routing.Matcher):
    """Requests that name the preview exactly in their `Host`."""

    def __init__(self, hosts):
        self.hosts = hosts

    def match(self, request):
        return {} if request.host in self.hosts else None


def own_hosts(port):
    """What a browser on this computer writes in `Host` for the preview."""
    return frozenset(f"{name}:{port}" for name in ("localhost", "127.0.0.1", "[::1]"))


class ScriptHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.finish(RELOAD_SCRIPT)


class ReloadSocket(tornado.websocket.WebSocketHandler):
    """One open page: told to reload after each build."""

    def initialize(self, preview):
        self.preview = preview

    def open(self):
        self.preview.pages.add(self)

    def on_message(self, message):
        if json.loads(message).get("command") == "hello":
            self.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))

    def on_close(self):
        self.preview.pages.discard(self)


def log_refusal(handler):
    """Tornado logs each request; the terminal shows only refusals, in
    French, without the editor's secret."""
    status = handler.get_status()
    if status in (403, 405, 413, 415):
        path = handler.request.path
        shown = "/admin/api/…" if path.startswith("/admin/api/") else path[:80]
        print(f"Aperçu : demande refusée ({status}) pour {shown}, venue de {handler.request.headers.get('Origin', '?')[:80]} "
              f"par {handler.request.host[:80]}.", file=sys.stderr, flush=True)


def application(preview, port, editor=None):
    """The preview's routes, behind the `Host` check; with `editor`
    (local_editor.Editor), /admin/ saves into its content folder."""
    hosts = own_hosts(port)
    routes = local_editor.routes(editor, hosts, preview.root) if editor else []
    return tornado.web.Application(log_function=log_refusal, handlers=[
        tornado.routing.Rule(OwnHost(hosts), [
            *routes,
            (r"/admin/problemes\.json", ProblemsHandler, {"preview": preview, "editor": editor}),
            (r"/livereload\.js", ScriptHandler),
            (r"/livereload", ReloadSocket, {"preview": preview}),
            (r"/(.*)", SiteHandler, {"preview": preview}),
        ]),
        (r".*", WrongHost),
    ])


def bind(port):
    """Sockets on localhost:`port`, or on a free port when it is taken (by
    another preview, maybe of another copy of the site): this preview and
    its editor then answer on their own port, never through the other."""
    if not (str(port).isdigit() and int(port) <= 65535):
        raise SystemExit(f"Port « {port} » invalide : donnez un nombre de 1 à 65535, par exemple 8000.")
    try:
        return tornado.netutil.bind_sockets(int(port), address="localhost")
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise SystemExit(f"L’aperçu ne peut pas ouvrir le port {port} ({error.strerror}) : "
                             "essayez un autre port, par exemple « make serve PORT=8001 ».") from None
    sockets = tornado.netutil.bind_sockets(0, address="localhost")
    print(f"Le port {port} est déjà pris (un autre aperçu ?) : l’aperçu prend le port {sockets[0].getsockname()[1]}.",
          flush=True)
    return sockets


def start(preview, sockets, editor=None):
    """Serve on `sockets` from the running event loop; return the server."""
    server = tornado.httpserver.HTTPServer(application(preview, sockets[0].getsockname()[1], editor))
    server.add_sockets(sockets)
    return server


async def watch(preview, build, content, others):
    """Rebuild after each save: `build(full)` returns the report of a failed
    build, or None; `full` when something else than a page of `content`
    changed (the theme, a plugin, the settings, a picture: Pelican's reader
    cache knows a page's HTML by the page's file only). Saves made during a
    build are taken together by the next one."""
    content = Path(content).resolve()
    async for changes in awatch(content, *others, step=50):
        full = not all(is_page(path, content) for _change, path in changes)
        preview.built(await asyncio.to_thread(build, full))


def is_page(path, content):
    """A Markdown or HTML file of `content`."""
    path = Path(path).resolve()
    return path.is_relative_to(content) and path.suffix.lower() in PAGE_SUFFIXES


def serve(root, port, build, content, others, editor=True):
    """Serve `root` on localhost:`port` (or a free port) until Ctrl+C, after
    a first build; with `editor`, /admin/ saves into `content`."""
    sockets = bind(port)
    port = sockets[0].getsockname()[1]
    local = local_editor.Editor(content) if editor else None

    async def main():
        preview = Preview(root)
        preview.report = await asyncio.to_thread(build, True)
        start(preview, sockets, local)
        print(f"Aperçu sur http://localhost:{port}/ (Ctrl+C pour arrêter)", flush=True)
        if local:
            print(f"Éditeur en ligne sur http://localhost:{port}/admin/ : il enregistre dans {local.content}.", flush=True)
        await watch(preview, build, content, others)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        print(f"\n{STOPPED}", file=sys.stderr)

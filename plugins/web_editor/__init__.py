"""The web editor: /admin/ in the built site, Decap CMS served by the site itself.

Decap CMS comes from npm (package.json pins it; `npm ci` installs it) and is
put into the output with our page (admin/index.html), our widget
(admin/widgets.js), the preview of a document as the site shows it
(admin/preview.js, with its words in preview.json: vocabulary.py) and the
configuration: the one generated from the offer
schema (admin/config.yml, `make schema`) plus what depends on where the site
is built, from the settings (`site_config`). Nothing is loaded from another
host. /admin/ is Decap's application, not a page of the site: it says
noindex (so no sitemap entry), has no data-pagefind-body (so no search
entry), and the accessibility check leaves it to Decap (site_checks).

Each build writes into a new folder (tasks.py: `<output>.staging`): Decap's
6.5 MB are hard links to node_modules' files, not copies; into a folder that
already has /admin/, a file is written only when it changed.

Pelican's signals: `get_generators` (the generator that writes /admin/).
"""

import filecmp
import json
import os
import shutil
from pathlib import Path

import yaml
from pelican import signals

from core.caches import place
from core.site import APPLICATIONS

from .config import CONFIG, LOADER, dump
from .vocabulary import preview_vocabulary

ADMIN = Path(__file__).with_name("admin")
# Where `npm ci` puts Decap's build: the application and the chunks it loads.
DIST = Path(__file__).resolve().parents[2] / "node_modules" / "decap-cms" / "dist"
BUNDLE = "decap-cms.js"
OUR_FILES = ("index.html", "widgets.js", "banner.js", "editor.js", "preview.js")
# The notice of a published /admin/ without sign-in service (admin_page).
NO_SIGN_IN = "sans-connexion.html"
# What preview.js reads: the site's words and forms (vocabulary.py).
PREVIEW_WORDS = "preview.json"
BUILT_HEADER = ("# Écrit par la construction : plugins/web_editor/admin/config.yml (généré depuis le schéma)\n"
                "# et les réglages WEB_EDITOR_* de pelicanconf.py / publishconf.py.\n")
# Where /admin/ is written: site_checks leaves this folder out of its pages.
FOLDER = APPLICATIONS[0].rstrip("/")
DEFAULTS = {"WEB_EDITOR_REPO": None, "WEB_EDITOR_BRANCH": "main",
            "WEB_EDITOR_AUTH_URL": None, "WEB_EDITOR_LOCAL_BACKEND": False}


def setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def site_config(settings, environ=os.environ):
    """The committed configuration plus the backend: GitHub, the repository
    from WEB_EDITOR_REPO (or the one GitHub Actions builds), each change a
    pull request (editorial workflow); with WEB_EDITOR_LOCAL_BACKEND (the
    preview), each save writes a file (simple mode), through the preview's
    own server, which adds `local_backend` (its address and a secret made for
    each `make serve`) as it serves this file: never written here."""
    config = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=LOADER)
    backend = {"name": "github", "repo": setting(settings, "WEB_EDITOR_REPO") or environ.get("GITHUB_REPOSITORY", ""),
               "branch": setting(settings, "WEB_EDITOR_BRANCH")}
    if setting(settings, "WEB_EDITOR_AUTH_URL"):
        backend["base_url"] = setting(settings, "WEB_EDITOR_AUTH_URL")
    mode = {} if setting(settings, "WEB_EDITOR_LOCAL_BACKEND") else {"publish_mode": "editorial_workflow"}
    site = {"site_url": settings["SITEURL"], "display_url": settings["SITEURL"]} if settings.get("SITEURL") else {}
    return {"backend": backend, **mode, **site, **config}


def bundle_files(dist=DIST):
    """Decap's application, the chunks and WebAssembly it loads on demand,
    and its licence; not the source maps (25 MB, for Decap's developers)."""
    return [dist / BUNDLE, dist / f"{BUNDLE}.LICENSE.txt", *sorted(dist.glob(f"*.{BUNDLE}")), *sorted(dist.glob("*.wasm"))]


def same_file(source, target):
    """Whether `target` already is `source`: the same file (a hard link), or
    a copy with the same bytes (across disks; read only when the sizes agree)."""
    try:
        mine, theirs = source.stat(), target.stat()
    except FileNotFoundError:
        return False
    if os.path.samestat(mine, theirs):
        return True
    return mine.st_size == theirs.st_size and filecmp.cmp(source, target, shallow=False)


def link_or_copy(source, target):
    """Put Decap's `source` at `target` unless it is already there: a hard
    link (nothing copied), or a copy across disks. Nothing of the site
    writes into these files after, so the link is safe."""
    if not same_file(source, target):
        place(source, target)


def write_if_changed(target, data):
    """Write `data` (bytes) unless `target` already holds them."""
    if not target.is_file() or target.read_bytes() != data:
        target.write_bytes(data)


def admin_page(settings):
    """Our page, with, on a published site that has no sign-in service yet
    (no WEB_EDITOR_AUTH_URL), the notice of admin/sans-connexion.html: Decap
    would otherwise send « Se connecter » to Netlify's service, which knows
    nothing of this site."""
    page = (ADMIN / "index.html").read_text(encoding="utf-8")
    if setting(settings, "WEB_EDITOR_LOCAL_BACKEND") or setting(settings, "WEB_EDITOR_AUTH_URL"):
        return page.encode()
    notice = (ADMIN / NO_SIGN_IN).read_text(encoding="utf-8")
    return page.replace("<body>\n", "<body>\n" + notice, 1).encode()


def write_admin(output, settings, dist=DIST):
    """Write /admin/ into `output`, changing only what changed; the problems, as French lines."""
    if not (dist / BUNDLE).is_file():
        return [f"l’éditeur en ligne (/admin/) a besoin de Decap CMS, absent de {dist.parent} : "
                "lancez « make build » (ou « npm ci »), qui l’installe."]
    folder = Path(output) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = {
        **{name: (ADMIN / name).read_bytes() for name in OUR_FILES},
        "index.html": admin_page(settings),
        "config.yml": (BUILT_HEADER + dump(site_config(settings))).encode(),
        PREVIEW_WORDS: json.dumps(preview_vocabulary(settings), ensure_ascii=False, sort_keys=True).encode(),
    }
    decap = bundle_files(dist)
    for path in folder.iterdir():  # what an older Decap or an older /admin/ left
        if path.name not in written and path.name not in {source.name for source in decap}:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    for source in decap:
        link_or_copy(source, folder / source.name)
    for name, data in written.items():
        write_if_changed(folder / name, data)
    return []


class WriteAdmin:
    """A generator: Pelican gives it its turn with the others, so /admin/ is
    in the output before `finalized`, and a missing Decap stops the build
    with its French message, whichever other plugins are there."""

    def __init__(self, context, settings, path, theme, output_path, **_):
        self.settings, self.output_path = settings, output_path

    def generate_output(self, writer):
        problems = write_admin(self.output_path, self.settings)
        if problems:
            raise SystemExit("La construction du site a échoué : " + " ".join(problems))


def add_generator(pelican):
    return WriteAdmin


def register():
    signals.get_generators.connect(add_generator)

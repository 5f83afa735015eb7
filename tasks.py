"""Editor commands (invoke): build, preview, serve, check. `make` calls them after setup.

Every build goes to a staging folder first; `output/` is replaced only when
the build (and, for `check`, every check) passed, so a mistake never leaves a
half-built site behind.
"""

import hashlib
import json
import os
import shutil
import tempfile
import subprocess
import sys
import threading
import time
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
# The plugins' plain functions serve the editor commands too (schema, new-offer).
sys.path.insert(0, str(ROOT / "plugins"))
CONTENT = "content"
OUTPUT = "output"
SETTINGS = "pelicanconf.py"
PUBLISH_SETTINGS = "publishconf.py"
# The address `make check` builds for when SITEURL is not given: a project
# page under a subpath, as GitHub Pages serves it, the strictest case.
STAND_IN_SITEURL = "https://exemple.github.io/site"
# Answers of external sites, kept a week (invoke check-links --external).
EXTERNAL_CACHE = ROOT / ".cache" / "liens-externes.json"
# What `livereload` watches: a change in any of them rebuilds the site.
WATCHED = ["content", "theme", "plugins", "pelicanconf.py"]
# How often it looks for a saved file, in milliseconds.
PREVIEW_POLL_MS = 100


# The preview's content cache, one per content folder: each file's HTML and
# front matter, read again only when the file changed (Pelican's reader cache).
PREVIEW_CACHE = ROOT / ".cache" / "apercu"


def cache_options(content):
    """The preview's settings: its own caches (each file's HTML and front
    matter; each page as French typography set it; each page's links), and
    the search index left to index_in_background."""
    folder = PREVIEW_CACHE / hashlib.sha1(str(Path(content).resolve()).encode()).hexdigest()[:12]
    return ["-e", "LOAD_CONTENT_CACHE=true", "CACHE_CONTENT=true", 'CONTENT_CACHING_LAYER="reader"',
            f"CACHE_PATH={json.dumps(str(folder))}", f"PAGE_WRITER_CACHE={json.dumps(str(folder / 'pages.pickle'))}",
            f"LINK_CHECK_CACHE={json.dumps(str(folder / 'links.pickle'))}", "SEARCH_INDEX=false"]


# The preview's search index, being rebuilt in the background.
_indexing = {"running": None}


def index_in_background(staging, target):
    """The preview's search index: the last one is kept in the new site, so
    search still works, and Pagefind updates it once the site is in place,
    without delaying the page's reload."""
    from search_index import BATCH, start_indexing  # noqa: PLC0415 (only the preview needs it)

    if _indexing["running"] is not None:
        _indexing["running"].stop()
    for bundle in target.glob("pagefind*"):
        bundle.rename(staging / bundle.name)
    replace_folder(staging, target, wait=False)
    _indexing["running"] = start_indexing(target, _preloaded["search_batch"] or BATCH, idle=True)


def run_pelican(content, settings, output, siteurl=None, cache=False):
    """Build with Pelican in a fresh process; True when it succeeded.

    A fresh process per build: Pelican deduplicates log messages for the
    whole life of a process, so a second build in the same one could hide a
    warning, and our checks turn every warning into a failure. With `cache`
    (the preview), unchanged files are not read again.
    """
    arguments = [str(content), "-s", str(settings), "-o", str(output), *(cache_options(content) if cache else [])]
    if _preloaded["pelican"] and not siteurl:
        return pelican_in_fork(arguments)
    env = {**os.environ, **({"SITEURL": siteurl} if siteurl else {})}
    return subprocess.run([sys.executable, "-m", "pelican", *arguments], cwd=ROOT, env=env, check=False).returncode == 0


# Whether this process has imported Pelican and the plugins (the preview).
_preloaded = {"pelican": False, "search_batch": None}


def preload_pelican():
    """The preview imports Pelican and the plugins once; each build is then
    a fork of it, a fresh process that starts without half a second of
    imports. Without fork (Windows), builds start from scratch."""
    if not hasattr(os, "fork"):
        return
    import importlib  # noqa: PLC0415 (only the preview needs these)

    from pelican.settings import read_settings  # noqa: PLC0415

    settings = read_settings(str(ROOT / SETTINGS))
    for name in settings["PLUGINS"]:
        importlib.import_module(name)
    _preloaded.update(pelican=True, search_batch=settings.get("SEARCH_INDEX_BATCH"))


def pelican_in_fork(arguments):
    """Pelican's command in a fork of this process; True when it succeeded."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the build: it never returns to the preview's code
        code = 1
        try:
            from pelican import main  # noqa: PLC0415

            main(arguments)
            code = 0
        except SystemExit as stop:  # strict_build's report, or Pelican's own exit
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
            code = stop.code if isinstance(stop.code, int) else 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def replace_folder(new, target, wait=True):
    """Put `new` in the place of `target` with two renames; the old folder
    is deleted then, or in the background (the preview: the page reloads
    without waiting for a thousand files to go)."""
    old = target.with_name(f"{target.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    if wait:
        shutil.rmtree(old, ignore_errors=True)
    else:
        threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, daemon=True).start()


def staging_for(output):
    target = ROOT / output
    return target, target.with_name(target.name + ".staging")


def give_up(staging, target, what):
    """Drop the staging folder and say that `output` is left as it was."""
    shutil.rmtree(staging, ignore_errors=True)
    kept = f"le dossier {target.name}/ garde la dernière version réussie" if target.exists() else "aucun site n'a été écrit"
    print(f"\nÉchec {what} : {kept}.", file=sys.stderr)


def build_site(content=CONTENT, settings=SETTINGS, output=OUTPUT, cache=False):
    """Build into `<output>.staging`, then replace `output` if all went well."""
    target, staging = staging_for(output)
    shutil.rmtree(staging, ignore_errors=True)
    if not run_pelican(content, settings, staging, cache=cache):
        give_up(staging, target, "de la construction")
        return False
    if cache:
        index_in_background(staging, target)
    else:
        replace_folder(staging, target)
    return True


@task(help={"content": "dossier des textes", "output": "dossier du site construit",
            "cache": "ne relit que les textes modifiés depuis la dernière construction, comme l'aperçu"})
def build(c, content=CONTENT, output=OUTPUT, cache=False):
    """Construit le site (pelicanconf.py) dans output/."""
    if not build_site(content, SETTINGS, output, cache=cache):
        raise Exit(code=1)
    if _indexing["running"] is not None:  # with --cache: the index, before the command ends
        _indexing["running"].join()


@task(help={"output": "dossier du site construit"})
def preview(c, output=OUTPUT):
    """Construit la version à publier (publishconf.py) dans output/."""
    if not build_site(CONTENT, PUBLISH_SETTINGS, output):
        raise Exit(code=1)


@task
def clean(c):
    """Supprime le site construit et les dossiers temporaires."""
    for folder in [ROOT / OUTPUT, ROOT / f"{OUTPUT}.staging", ROOT / "cache", *ROOT.glob(f"{OUTPUT}.old-*")]:
        shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(PREVIEW_CACHE, ignore_errors=True)


@task(pre=[clean])
def rebuild(c):
    """Supprime puis reconstruit le site."""
    build(c)


@task(help={"port": "port du serveur", "output": "dossier à servir"})
def serve(c, port=8000, output=OUTPUT):
    """Sert output/ tel quel sur http://localhost:8000, sans reconstruire."""
    command = [sys.executable, "-m", "pelican", "--listen", "-s", SETTINGS, "-o", output, "-p", str(port), "-b", "localhost"]
    subprocess.run(command, cwd=ROOT, check=False)


@task(help={"port": "port du serveur", "content": "dossier des textes", "output": "dossier du site construit"})
def livereload(c, port=8000, content=CONTENT, output=OUTPUT):
    """Aperçu : construit, sert sur http://localhost:8000, reconstruit et recharge à chaque enregistrement."""
    from livereload import Server  # noqa: PLC0415 (only this task needs these)
    from livereload.handlers import LiveReloadHandler  # noqa: PLC0415
    from livereload.watcher import Watcher  # noqa: PLC0415
    from tornado.ioloop import PeriodicCallback  # noqa: PLC0415
    from web_editor.local_server import decap_server  # noqa: PLC0415

    class QuickWatcher(Watcher):
        """Looks for saved files every PREVIEW_POLL_MS, not livereload's 0.8 s.
        Its first look only notes the files: livereload's own would tell the
        browser that just connected to reload for nothing."""

        def start(self, callback):
            self._changes.clear()  # livereload's "the server restarted": it did not
            self.examine()
            PeriodicCallback(callback, PREVIEW_POLL_MS).start()
            return True

    # livereload ignores a save made within 3 s of the last reload: every one counts.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    def rebuild_site():
        build_site(content, SETTINGS, output, cache=True)

    def rebuild_all():
        """The theme, a plugin or the settings changed: every file is read again."""
        shutil.rmtree(PREVIEW_CACHE, ignore_errors=True)
        rebuild_site()

    preload_pelican()
    rebuild_all()
    (ROOT / output).mkdir(exist_ok=True)
    server = Server(watcher=QuickWatcher())
    server.watch(str(ROOT / content), rebuild_site)
    for path in WATCHED[1:]:
        server.watch(str(ROOT / path), rebuild_all)
    print(f"Aperçu sur http://localhost:{port}/ (Ctrl+C pour arrêter)")
    with decap_server(ROOT):  # /admin/ saves into the working copy (plugins/web_editor)
        server.serve(host="localhost", port=int(port), root=str(ROOT / output), open_url_delay=None)


def site_problems(folder, siteurl):
    """Run the checks of the finished site in turn, printing each one's
    outcome; return every problem found, as French lines."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only the checks need these)
    from site_checks import check_site, describe  # noqa: PLC0415
    from site_checks.accessibility import accessibility_problems, launch  # noqa: PLC0415
    from site_checks.html_validity import html_errors  # noqa: PLC0415

    links = check_site(folder, siteurl)
    problems = [describe(problem) for problem in links.problems]
    print(f"Liens : {links.pages} pages, {plural(len(problems), 'problème')} ; "
          f"{plural(len(links.external), 'lien externe')} (non vérifiés, voir `invoke check-links --external`)")
    print_external(links.external)
    errors = html_errors(folder)
    print(f"HTML, CSS et SVG (validateur Nu) : {plural(len(errors), 'erreur', feminine=True)}")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        violations = accessibility_problems(browser, folder, siteurl)
        browser.close()
    print(f"Accessibilité (axe-core, WCAG 2.1 A et AA) : {links.pages} pages, {plural(len(violations), 'violation', feminine=True)}")
    return problems + errors + violations


def missing_identity():
    """The organisation's details that content/reglages.yml does not give
    yet: the legal notice says they are missing; `make check` reminds the
    editors where to write them."""
    from organisation import missing_values  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    path = read_settings(str(ROOT / SETTINGS))["IDENTITY_FILE"]
    return [f"« organisation.{key} » n'est pas renseigné dans {path}{f', ligne {line}' if line else ''} "
            "(mentions légales, contact)" for key, line in missing_values(ROOT / path)]


def plural(count, word, feminine=False):
    """« aucun lien externe », « 1 lien externe », « 3 liens externes »
    (« aucune » for a feminine word)."""
    if count == 0:
        return f"{'aucune' if feminine else 'aucun'} {word}"
    return f"{count} {word}" if count == 1 else f"{count} " + " ".join(part + "s" for part in word.split())


def print_external(external):
    from site_checks import external_lines  # noqa: PLC0415

    if external:
        print(*external_lines(external), sep="\n")


@task(help={"content": "dossier des textes", "output": "dossier du site vérifié",
            "siteurl": "adresse publique (sinon la variable SITEURL)"})
def check(c, content=CONTENT, output=OUTPUT, siteurl=None):
    """Construit la version à publier dans un dossier d'essai, la vérifie (contenu, liens, HTML,
    accessibilité) et ne remplace output/ que si tout est correct."""
    siteurl = siteurl or os.environ.get("SITEURL") or STAND_IN_SITEURL
    target, staging = staging_for(output)
    shutil.rmtree(staging, ignore_errors=True)
    print(f"Construction de la version publiée (publishconf.py, SITEURL={siteurl}) et vérification du contenu…")
    if not run_pelican(content, PUBLISH_SETTINGS, staging, siteurl):
        give_up(staging, target, "de la vérification")
        raise Exit(code=1)
    problems = site_problems(staging, siteurl)
    for warning in missing_identity():
        print(f"Avertissement : {warning}")
    if problems:
        count = plural(len(problems), "problème")
        print(f"\nLa vérification a trouvé {count} :", *(f"  {n}. {line}" for n, line in enumerate(problems, 1)),
              sep="\n", file=sys.stderr)
        give_up(staging, target, "de la vérification")
        raise Exit(code=1)
    replace_folder(staging, target)
    print(f"Tout est correct : {output}/ contient la version vérifiée, prête à publier.")


@task(help={"external": "vérifie aussi les liens vers d'autres sites (cache d'une semaine, une requête par seconde et par site)",
            "content": "dossier des textes"})
def check_links(c, external=False, content=CONTENT):
    """Construit l'aperçu dans un dossier temporaire, vérifie ses liens et liste les liens externes."""
    from site_checks import check_site  # noqa: PLC0415
    from site_checks.external import check_external  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        # The build checks the internal links itself and stops on any problem.
        if not run_pelican(content, SETTINGS, folder):
            raise Exit(code=1)
        links = check_site(folder)
    print(f"Liens : {links.pages} pages, aucun problème ; {plural(len(links.external), 'lien externe')} :")
    print_external(links.external)
    if not external:
        return
    broken = check_external(links.external, EXTERNAL_CACHE)
    for url, reason in broken.items():
        places = ", ".join(f"{page} l. {line}" for page, line in links.external[url])
        print(f"  {url} ({places}) : {reason}", file=sys.stderr)
    if broken:
        raise Exit(f"{plural(len(broken), 'lien externe')} à corriger.", code=1)
    print("Liens externes : tous répondent.")


@task(help={"port": "port du serveur local sur lequel la version publiée est auditée"})
def lighthouse(c, port=8770):
    """Audite avec Lighthouse l'accueil, un atelier, la comparaison et un article de la version publiée."""
    from site_checks.lighthouse import CATEGORIES, audit, served  # noqa: PLC0415

    siteurl = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        if not run_pelican(CONTENT, PUBLISH_SETTINGS, folder, siteurl):
            raise Exit(code=1)
        pages = lighthouse_pages(Path(folder))
        failed = False
        with served(folder, int(port)) as origin:
            print(f"{'page':55} " + " ".join(f"{name:>14}" for name in CATEGORIES))
            for path in pages:
                scores, lost = audit(origin + path)
                print(f"{path:55} " + " ".join(f"{scores[name]:>14}" for name in CATEGORIES))
                for line in lost:
                    print(f"    à corriger : {line}")
                failed = failed or bool(lost)
    if failed:
        raise Exit("Accessibilité, bonnes pratiques et référencement doivent être à 100.", code=1)


def lighthouse_pages(folder):
    """The pages Lighthouse audits: home, the first offer, the comparison, the first article."""
    offer = next(path for path in sorted((folder / "ateliers").glob("*/index.html")) if path.parent.name != "comparatif")
    article = sorted((folder / "ressources").glob("*/index.html"))[0]
    return ["/", f"/ateliers/{offer.parent.name}/", "/ateliers/comparatif/", f"/ressources/{article.parent.name}/"]


@task
def schema(c):
    """Met à jour schemas/*.json, la table des champs de docs/guide-redaction.md et le formulaire de /admin/."""
    from offers.export import write_files  # noqa: PLC0415

    changed = write_files(ROOT)
    print("Mis à jour : " + ", ".join(changed) if changed else "Déjà à jour.")


@task(positional=["title"], help={"title": "le titre de l’atelier, entre guillemets", "content": "dossier des textes"})
def new_offer(c, title, content=CONTENT):
    """Crée content/ateliers/<slug>.md, un atelier en brouillon avec tous ses champs commentés."""
    from offers import DEFAULTS  # noqa: PLC0415
    from offers.scaffold import scaffold_text  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415
    from pelican.utils import slugify  # noqa: PLC0415
    from yaml_front_matter import read_front_matter  # noqa: PLC0415

    settings = read_settings(str(ROOT / SETTINGS))
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise Exit(f"Le titre « {title} » ne donne aucune adresse : écrivez-le avec des lettres.", code=1)
    folder = ROOT / content / settings.get("OFFERS_PATH", DEFAULTS["OFFERS_PATH"])
    path = folder / f"{slug}.md"
    if path.exists():
        raise Exit(f"{path} existe déjà : choisissez un autre titre, ou modifiez ce fichier.", code=1)
    offers = []
    for existing in sorted(folder.glob("*.md")):
        meta = read_front_matter(existing)
        offers.append((meta.get("order") or 0, meta.get("slug") or existing.stem))
    order = max((number for number, _ in offers), default=0) + 1
    others = [other for _, other in sorted(offers)]
    path.write_text(scaffold_text(title, slug, order, others), encoding="utf-8")
    print(f"Créé : {path} (brouillon). Remplacez chaque « À compléter », puis retirez la ligne « status: draft ».")

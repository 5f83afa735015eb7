"""Editor commands (invoke): build, preview, serve, check. `make` calls them after setup.

Every build goes to a staging folder first; `output/` is replaced only when
the build (and, for `check`, every check) passed, so a mistake never leaves a
half-built site behind.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
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
EXTERNAL_CACHE = ROOT / ".cache" / "liens-externes"
# What the preview watches: a change in content/ rebuilds what changed, in
# any of the others everything.
WATCHED = ["content", "theme", "plugins", "pelicanconf.py"]


# Every cache the project keeps between builds (make clean empties it):
# Jinja's compiled templates, the encoded pictures, the preview's content
# cache, the answers of external sites.
CACHES = ROOT / ".cache"
# The preview's content cache, one per content folder: each file's HTML and
# front matter, read again only when the file changed (Pelican's reader cache).
PREVIEW_CACHE = CACHES / "apercu"


def require_content(content):
    """Stop, in one French line, when the content folder given does not
    exist: Pelican would only say so in English, with a traceback."""
    if not (ROOT / content).is_dir():
        print(f"Le dossier des textes « {content} » n'existe pas (ou n'est pas un dossier) : indiquez celui qui "
              f"contient les pages, {CONTENT}/ par défaut.", file=sys.stderr)
        raise Exit(code=2)


def preview_cache_for(content):
    return PREVIEW_CACHE / hashlib.sha1(str(Path(content).resolve()).encode()).hexdigest()[:12]


def check_preview_cache(content):
    """Remove the files of the preview's cache that are not whole (a build
    killed while Pelican wrote them): Pelican would stop on them (EOFError)
    at every build. Their pages are read again; one line says so."""
    from core.caches import drop_damaged_pickles

    dropped = drop_damaged_pickles(preview_cache_for(content))
    if dropped:
        print(f"Cache de l’aperçu : {plural(len(dropped), 'fichier abîmé')} supprimé{'s' if len(dropped) > 1 else ''} "
              f"({', '.join(path.name for path in dropped)}) ; les textes sont relus.", file=sys.stderr)


def cache_options(content):
    """The preview's settings: its own caches (each file's HTML and front
    matter; each page's links; each document's page), and the search index left to index_in_background."""
    folder = preview_cache_for(content)
    return ["-e", "LOAD_CONTENT_CACHE=true", "CACHE_CONTENT=true", 'CONTENT_CACHING_LAYER="reader"',
            f"CACHE_PATH={json.dumps(str(folder))}", f"LINK_CHECK_CACHE={json.dumps(str(folder / 'links.pickle'))}",
            f"PAGE_CACHE_PATH={json.dumps(str(folder / 'pages'))}",
            "SEARCH_INDEX=false"]


# The preview's search index, being rebuilt in the background.
_indexing = {"running": None}


def index_in_background(staging, target):
    """The preview's search index: the last one is kept in the new site, so
    search still works, and Pagefind updates it once the site is in place,
    without delaying the page's reload."""
    from search_index import BATCH, start_indexing

    if _indexing["running"] is not None:
        _indexing["running"].stop()
    for bundle in target.glob("pagefind*"):
        bundle.rename(staging / bundle.name)
    replace_folder(staging, target, wait=False)
    _indexing["running"] = start_indexing(target, _builds["search_batch"] or BATCH, idle=True)


def run_pelican(content, settings, output, siteurl=None, cache=False, problems=None):
    """Build with Pelican in a fresh process; True when it succeeded.

    A fresh process per build: Pelican deduplicates log messages for the
    whole life of a process, so a second build in the same one could hide a
    warning, and our checks turn every warning into a failure. The preview's
    builds are children of its build process (core.runner.Runner); the
    others, children of this command (core.runner.run_in_a_child), which
    runs no thread while it builds. With `cache` (the preview), unchanged
    files are not read again. With `problems`, a failed build writes its
    problems there, as JSON.
    """
    from core.runner import Command, run_in_a_child

    if cache:
        check_preview_cache(content)
    extra = cache_options(content) if cache else []
    if problems:  # one -e for all: Pelican keeps only the last one given
        extra = [*(extra or ["-e"]), problems_setting(problems)]
    arguments = [str(content), "-s", str(settings), "-o", str(output), *extra]
    if _builds["process"] is not None and not siteurl:
        return pelican_in_build_process(arguments)
    environment = {**os.environ, "SITEURL": siteurl} if siteurl else None
    return run_in_a_child(Command("pelican", tuple(arguments), str(ROOT), environment)) == 0


# The preview's builds: each a child of one process that imported these
# once (core/runner.py), and the site's plugins (PLUGINS).
PRELOADED = ["pelican", "pelican.generators", "pelican.readers", "pelican.writers", "markdown", "jinja2", "yaml",
             "pydantic", "lxml.etree", "PIL.Image", "weasyprint"]
_builds = {"process": None, "report": None, "search_batch": None}


def start_preview_builds(report):
    """From now on, builds are children of a build process; a failed one's report goes to `report`."""
    from pelican.settings import read_settings

    from core.runner import Runner

    settings = read_settings(str(ROOT / SETTINGS))
    plugins = [getattr(plugin, "__name__", str(plugin)) for plugin in settings.get("PLUGINS") or []]
    process = Runner(PRELOADED + plugins, [ROOT, *(ROOT / path for path in settings.get("PLUGIN_PATHS", []))])
    _builds.update(process=process, report=report, search_batch=settings.get("SEARCH_INDEX_BATCH"))


def pelican_in_build_process(arguments):
    """Pelican's command in a child of the build process; True when it succeeded."""
    from core.runner import Command

    Path(_builds["report"]).unlink(missing_ok=True)
    return _builds["process"].run(Command("pelican", tuple(arguments), report=str(_builds["report"]))) == 0


def replace_folder(new, target, wait=True):
    """Put `new` in the place of `target` with two renames; the old folder
    is deleted then, or in the background (the preview: the page reloads
    without waiting for a thousand files to go).

    Between the two renames (a kill, a power cut) there is no `target`: the
    last good site is `<target>.old-*`, whole, which the next build puts
    back (recover_output). Once `new` is in place, the old folder is renamed
    `<target>.trash-*` before it is deleted: an `.old-*` is never half gone."""
    old = target.with_name(f"{target.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    if not old.exists():
        return
    trash = old.with_name(old.name.replace(".old-", ".trash-", 1))
    old.rename(trash)
    if wait:
        shutil.rmtree(trash, ignore_errors=True)
    else:
        threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, daemon=True).start()


def recover_output(target):
    """After a build killed between the two renames of replace_folder: put
    the last good site (`<target>.old-*`) back in place of the missing
    `target`; then remove what interrupted builds left (the staging folder,
    other `.old-*`, `.trash-*`). Never removes the only copy of a site."""
    olds = sorted(target.parent.glob(f"{target.name}.old-*"), key=lambda path: path.stat().st_mtime_ns)
    if not target.exists() and olds:
        olds.pop().rename(target)
        print(f"Le dossier {target.name}/ manquait (une construction interrompue) : "
              "la dernière version réussie a été remise en place.", file=sys.stderr)
    for leftover in [target.with_name(f"{target.name}.staging"), *olds,
                     *target.parent.glob(f"{target.name}.trash-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def staging_for(output):
    target = ROOT / output
    return target, target.with_name(target.name + ".staging")


@contextlib.contextmanager
def one_build_at_a_time(target):
    """Hold `<output>.lock` for a build of `target`; yield False when another
    build holds it (two builds at once would swap each other's folders). The
    holder puts back the last good site and removes what builds interrupted
    by a crash or a kill -9 left (recover_output)."""
    lock = target.with_name(f"{target.name}.lock")
    with open(lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Une autre construction de {target.name}/ est en cours (make build, make check ou l'aperçu) : "
                  "attendez qu'elle finisse, puis relancez.", file=sys.stderr)
            yield False
            return
        recover_output(target)
        yield True


def give_up(staging, target, what):
    """Drop the staging folder and say that `output` is left as it was."""
    shutil.rmtree(staging, ignore_errors=True)
    kept = f"le dossier {target.name}/ garde la dernière version réussie" if target.exists() else "aucun site n'a été écrit"
    print(f"\nÉchec {what} : {kept}.", file=sys.stderr)


def build_site(content=CONTENT, settings=SETTINGS, output=OUTPUT, cache=False):
    """Build into `<output>.staging`, then replace `output` if all went well."""
    target, staging = staging_for(output)
    if not output_writable(target):
        return False
    with one_build_at_a_time(target) as alone:
        return alone and build_in_staging(content, settings, target, staging, cache)


def build_in_staging(content, settings, target, staging, cache):
    """`make build`'s work, under the lock; True when `target` was replaced."""
    if not run_pelican(content, settings, staging, cache=cache, problems=fresh_problems_file(target)):
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
    require_content(content)
    if not build_site(content, SETTINGS, output, cache=cache):
        raise Exit(code=1)
    if _indexing["running"] is not None:  # with --cache: the index, before the command ends
        _indexing["running"].join()


@task(help={"output": "dossier du site construit"})
def publish(c, output=OUTPUT):
    """Construit la version à publier (publishconf.py) dans output/."""
    if not build_site(CONTENT, PUBLISH_SETTINGS, output):
        raise Exit(code=1)


@task
def clean(c):
    """Supprime le site construit, les dossiers temporaires et tous les caches (.cache/)."""
    print(clean_folder(ROOT, OUTPUT))


def clean_folder(root, output):
    """Remove, under `root`, the built site, what builds leave beside it
    and every cache (.cache/: jinja, images, apercu, external links…); the
    French line that says what was emptied."""
    caches = sorted(path.name for path in (root / CACHES.name).glob("*"))
    (root / f"{output}.lock").unlink(missing_ok=True)
    for folder in [root / output, root / f"{output}.staging", root / "cache", root / CACHES.name,
                   *root.glob(f"{output}.old-*"), *root.glob(f"{output}.trash-*")]:
        shutil.rmtree(folder, ignore_errors=True)
    emptied = f"caches vidés : {', '.join(caches)}" if caches else "aucun cache à vider"
    return f"Nettoyé : le site construit ({output}/) supprimé ; {emptied} (.cache/)."


@task(pre=[clean])
def rebuild(c):
    """Supprime puis reconstruit le site."""
    build(c)


@task(help={"port": "port du serveur", "content": "dossier des textes", "output": "dossier du site construit"})
def serve(c, port=8000, content=CONTENT, output=OUTPUT):
    """Aperçu : construit, sert sur http://localhost:8000 (ou un port libre), reconstruit et recharge à chaque
    enregistrement ; /admin/ y enregistre dans content/."""
    require_content(content)
    from pelican.settings import read_settings

    import live_preview

    report = (ROOT / output).with_name(f"{Path(output).name}.rapport.txt")
    settings = read_settings(str(ROOT / SETTINGS))
    editor = bool(settings.get("WEB_EDITOR_LOCAL_BACKEND"))

    def rebuild(full):
        """Build; return None, or the report of the failed build. `full`:
        the theme, a plugin or the settings changed, every file is read again."""
        if full:
            shutil.rmtree(PREVIEW_CACHE, ignore_errors=True)
            _builds["process"].stop()  # the next build imports the plugins as they are now
        if build_site(content, SETTINGS, output, cache=True):
            return None
        if editor:
            admin_without_site(ROOT / output, settings)
        return failed_build_report(ROOT / output, report)

    start_preview_builds(report)
    try:
        live_preview.serve(ROOT / output, port, rebuild, ROOT / content, [ROOT / path for path in WATCHED[1:]],
                           editor=editor)
    finally:  # Ctrl+C: the search index being made is given up, its copy of the site removed, without a word
        if _indexing["running"] is not None:
            _indexing["running"].stop()


def admin_without_site(output, settings):
    """/admin/ when no build has passed yet (a fresh copy with a mistake in
    it): the editor opens all the same, to fix it. The first build that
    passes replaces the whole folder."""
    from web_editor import write_admin

    if not (output / "admin" / "index.html").exists():
        write_admin(output, settings)


# The preview's banner says the same (theme/templates/preview_notice.html).
NO_CONTACT = "Aucune adresse de contact : les visiteurs ne peuvent pas vous écrire"


def site_problems(folder, siteurl):
    """Run the checks of the finished site in turn, printing each one's
    outcome; return every problem found, as Problems (the HTML and
    accessibility checks' French lines wrapped in one each)."""
    from playwright.sync_api import sync_playwright

    from core.problems import Problem
    from site_checks import check_site, describe
    from site_checks.accessibility import accessibility_problems, launch
    from site_checks.html_validity import html_errors

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
    print(f"Accessibilité (axe-core, WCAG 2.1 A et AA) : {links.pages} pages, "
          f"{plural(len(violations), 'violation', feminine=True)}")
    return problems + [Problem(str(line)) for line in errors + violations]


def layout_warnings(content):
    """The files of `content` written otherwise than the web editor writes
    them (a warning: they build the same), or nothing when Node cannot run
    the editor's serializer (the build would have said how to install it)."""
    from web_editor.layout import LayoutError, layout_problems

    try:
        return layout_problems(ROOT / content)
    except LayoutError:
        return []


def missing_identity(content=CONTENT):
    """The organisation's details that the réglages of the content folder
    `content` (from ROOT: content/reglages.yml) do not give yet, as warnings:
    the legal notice says they are missing; `make check` reminds the editors
    where to write them. The email comes first: without it, visitors cannot
    write to the association."""
    from core.organisation import identity_file, missing_values
    from core.problems import Problem, label_of

    path, shown = identity_file(ROOT / content)
    fix = "écrivez-le dans ce fichier, ou dans « Réglages » de l’éditeur en ligne (/admin/)."
    warnings = [Problem(NO_CONTACT if key == "email" else "ce champ est vide : les mentions légales et la page de contact "
                        "disent qu’il n’est pas encore renseigné", file=shown, line=line or None,
                        key=f"organisation.{key}", label=label_of(f"organisation.{key}"), severity="warning", fix=fix)
                for key, line in missing_values(path)]
    return sorted(warnings, key=lambda warning: warning.key != "organisation.email")


def plural(count, word, feminine=False):
    """« aucun lien externe », « 1 lien externe », « 3 liens externes »
    (« aucune » for a feminine word)."""
    if count == 0:
        return f"{'aucune' if feminine else 'aucun'} {word}"
    return f"{count} {word}" if count == 1 else f"{count} " + " ".join(part + "s" for part in word.split())


def print_external(external):
    from site_checks import external_lines

    if external:
        print(*external_lines(external), sep="\n")


def problems_setting(path):
    """The setting (for Pelican's -e) that has a failed build write its problems to `path` (strict_build)."""
    return f"PROBLEMS_FILE={json.dumps(str(path))}"


def fresh_problems_file(target):
    """`<output>.problemes.json`, the problems of the last build of
    `target`: removed before a build, written again if it fails."""
    from core.report import problems_file

    path = problems_file(target)
    path.unlink(missing_ok=True)
    return path


def failed_build_report(target, report=None):
    """What a failed build of `target` said: its Problems (the JSON it
    wrote), or the text of its report when it stopped before writing them
    (settings that cannot be read, a plugin missing)."""
    from core.report import problems_file, read_json

    problems = read_json(problems_file(target))
    if problems:
        return problems
    return report.read_text(encoding="utf-8") if report and report.exists() else ""


def output_writable(target):
    """Whether a build can write beside `target` (its staging folder, its
    lock); if not, say so in French, once, without Python's traceback."""
    from core.crash import unwritable
    from core.problems import describe

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=target.parent):
            return True
    except OSError as error:
        if error.filename is None:
            error.filename = str(target.parent)
        print(f"La construction ne peut pas commencer : {describe(unwritable(error))}", file=sys.stderr)
        return False


def build_published(content, output, siteurl, problems=None):
    """The published version's build for `check`, in a fresh process;
    whether it succeeded. Its French report goes to the terminal; its
    problems, as JSON, to `problems`."""
    command = [sys.executable, "-m", "pelican", str(content), "-s", PUBLISH_SETTINGS, "-o", str(output),
               *(["-e", problems_setting(problems)] if problems else [])]
    build = subprocess.run(command, cwd=ROOT, env={**os.environ, "SITEURL": siteurl}, check=False)
    return build.returncode == 0


def report_to_github(problems, site=None, siteurl=""):
    """Under GitHub Actions, each problem as an annotation on its file and
    line, and the run's summary, with the pages changed since the published
    site (the folder PUBLISHED_SITE names, see `invoke build-ref`)."""
    from site_checks.github import compare_sites, publish_report, running_on_github

    if not running_on_github():
        return
    published = os.environ.get("PUBLISHED_SITE")
    comparison = compare_sites(site, published) if site and published and Path(published).is_dir() else None
    publish_report(problems, comparison, siteurl)


@task(help={"content": "dossier des textes", "output": "dossier du site vérifié",
            "siteurl": "adresse publique (sinon la variable SITEURL)"})
def check(c, content=CONTENT, output=OUTPUT, siteurl=None):
    """Construit la version à publier dans un dossier d'essai, la vérifie (contenu, liens, HTML,
    accessibilité) et ne remplace output/ que si tout est correct."""
    require_content(content)
    siteurl = siteurl or os.environ.get("SITEURL") or STAND_IN_SITEURL
    target, staging = staging_for(output)
    if not output_writable(target):
        raise Exit(code=1)
    with one_build_at_a_time(target) as alone:
        if not alone:
            raise Exit(code=1)
        check_in_staging(content, siteurl, target, staging)


def check_in_staging(content, siteurl, target, staging):
    """`make check`'s work, under the lock: build, check, replace `target` if
    all passed. Its problems are also written to `<output>.problemes.json`."""
    from core.problems import Problem, describe
    from core.report import numbered, write_json
    from site_checks.duplicates import duplicate_warnings

    warnings = missing_identity(content) + layout_warnings(content)  # first, before the long log; again in the summary
    for warning in warnings:
        print(f"Avertissement : {describe(warning)}")
    print(f"Construction de la version publiée (publishconf.py, SITEURL={siteurl}) et vérification du contenu…")
    problems_path = fresh_problems_file(target)
    if not build_published(content, staging, siteurl, problems_path):
        problems = failed_build_report(target)
        if not isinstance(problems, list):  # stopped before writing them: the terminal said why
            problems = [Problem("la construction du site a échoué avant de lister ses problèmes : le journal dit pourquoi")]
            write_json(problems, problems_path)
        report_to_github(problems)
        give_up(staging, target, "de la vérification")
        raise Exit(code=1)
    problems = site_problems(staging, siteurl)
    warnings += duplicate_warnings(staging)  # a rule of the content, read in the built pages
    for warning in warnings:
        print(f"Avertissement : {describe(warning)}")
    report_to_github(problems + warnings, staging, siteurl)
    if problems or warnings:
        write_json(problems + warnings, problems_path)
    if problems:
        count = plural(len(problems), "problème")
        print(f"\nLa vérification a trouvé {count} :", *numbered(problems), sep="\n", file=sys.stderr)
        give_up(staging, target, "de la vérification")
        raise Exit(code=1)
    replace_folder(staging, target)
    print(f"Tout est correct : {target.name}/ contient la version vérifiée, prête à publier.")


@task(help={"ref": "le commit (ou la branche) dont on construit le contenu", "output": "dossier du site construit",
            "siteurl": "adresse publique (sinon la variable SITEURL)"})
def build_ref(c, ref, output, siteurl=None):
    """Construit la version à publier du contenu d'un autre commit (par exemple celui qui est publié),
    pour que `make check` liste les pages ajoutées, modifiées et supprimées (variable PUBLISHED_SITE)."""
    siteurl = siteurl or os.environ.get("SITEURL") or STAND_IN_SITEURL
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "archive", "--format=tar", ref, CONTENT], cwd=ROOT, capture_output=True, check=False)
        if archive.returncode != 0:
            raise Exit(f"Le contenu du commit {ref} est introuvable : {archive.stderr.decode(errors='replace').strip()}", code=1)
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        built = build_published(Path(folder) / CONTENT, Path(output).resolve(), siteurl)
    if not built:
        raise Exit(f"Le site du commit {ref} ne se construit pas : pas de comparaison.", code=1)


@task(help={"external": "vérifie aussi les liens vers d'autres sites (cache d'une semaine, une requête par seconde et par site)",
            "content": "dossier des textes"})
def check_links(c, external=False, content=CONTENT):
    """Construit l'aperçu dans un dossier temporaire, vérifie ses liens et liste les liens externes."""
    require_content(content)
    from site_checks import check_site
    from site_checks.external import check_external

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
    from site_checks.lighthouse import CATEGORIES, audit, served

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


# The screenshots of `make screenshots`: each page kind, on a phone and on a laptop.
SCREENS = {"telephone": {"width": 390, "height": 844}, "ordinateur": {"width": 1366, "height": 768}}
CAPTURES = "docs/captures"


def screenshot_pages(folder):
    """(name, URL path) of the pages a reviewer looks at: the home, a workshop,
    the comparison, a search with its results, the enquiry and contact pages."""
    _, offer, comparison, _ = lighthouse_pages(folder)
    pages = [("accueil", "/"), ("atelier", offer), ("comparatif", comparison), ("recherche", "/recherche/?q=atelier")]
    pages += [(name, f"/{name}/") for name in ("demande", "contact") if (folder / name / "index.html").is_file()]
    return pages


def small_png(path):
    """The capture in 256 colours: a fifth of its size, for the repository."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(256)
    small.save(path, optimize=True)


@task(help={"content": "dossier des textes", "output": "dossier des captures (PNG)"})
def screenshots(c, content=CONTENT, output=CAPTURES):
    """Construit le site et en fait des captures (PNG) au format téléphone (390×844) et ordinateur (1366×768)."""
    require_content(content)
    from playwright.sync_api import sync_playwright

    from site_checks.accessibility import launch
    from site_checks.lighthouse import served

    target = ROOT / output
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        if not run_pelican(content, SETTINGS, folder):
            raise Exit(code=1)
        with served(folder) as origin, sync_playwright() as playwright:
            browser = launch(playwright)
            for screen, viewport in SCREENS.items():
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                for name, path in screenshot_pages(Path(folder)):
                    page.goto(origin + path)
                    if name == "recherche":  # the results come from the index, after the page loads
                        page.locator(".search__results li").first.wait_for(timeout=10_000)
                    page.screenshot(path=target / f"{name}-{screen}.png")
                    small_png(target / f"{name}-{screen}.png")
                    print(f"{output}/{name}-{screen}.png")
                context.close()
            browser.close()


@task
def schema(c):
    """Met à jour schemas/*.json, la table des champs de docs/guide-redaction.md et le formulaire de /admin/."""
    from web_editor.config import CONFIG, config_text

    from core.export import write_files

    changed = write_files(ROOT, {CONFIG.relative_to(ROOT).as_posix(): config_text()})
    print("Mis à jour : " + ", ".join(changed) if changed else "Déjà à jour.")


@task(help={"content": "dossier des textes"})
def layout(c, content=CONTENT):
    """Réécrit les fichiers de content/ comme les écrit l’éditeur en ligne (une ligne changée par champ)."""
    require_content(content)
    from web_editor.layout import LayoutError, editor_files, not_in_layout, save_as_decap

    try:
        files = not_in_layout(ROOT / content)
        save_as_decap(files, ROOT / content)
    except LayoutError as error:
        raise Exit(f"La mise en page de l’éditeur en ligne n’a pas pu être appliquée ({error}) : lancez « make build » "
                   "(ou « npm ci ») pour installer ses paquets, puis recommencez.", code=1) from None
    names = ", ".join(path.relative_to((ROOT / content).parent).as_posix() for path in files)
    print(f"Réécrits dans la mise en page de l’éditeur en ligne : {names}." if files else
          f"Les {len(editor_files(ROOT / content))} fichiers de {content}/ sont déjà dans la mise en page de l’éditeur en ligne.")


@task(positional=["title"], help={"title": "le titre de l’atelier, entre guillemets", "content": "dossier des textes"})
def new_offer(c, title, content=CONTENT):
    """Crée content/ateliers/<slug>.md, un atelier en brouillon, dans la mise en page de l’éditeur en ligne."""
    require_content(content)
    from pelican.settings import read_settings
    from pelican.utils import slugify
    from web_editor.layout import LayoutError, save_as_decap

    from core.document import read_front_matter
    from core.scaffold import scaffold_text
    from offers import DEFAULTS

    settings = read_settings(str(ROOT / SETTINGS))
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise Exit(f"Le titre « {title} » ne donne aucune adresse : écrivez-le avec des lettres.", code=1)
    folder = ROOT / content / settings.get("OFFERS_PATH", DEFAULTS["OFFERS_PATH"])
    path = folder / f"{slug}.md"
    if path.exists():
        raise Exit(f"{path} existe déjà : choisissez un autre titre, ou modifiez ce fichier.", code=1)
    order = max((read_front_matter(existing).get("order") or 0 for existing in folder.glob("*.md")), default=0) + 1
    path.write_text(scaffold_text(title, slug, order), encoding="utf-8")
    # Saved as the web editor saves it: its first save there changes only what the editor changes.
    try:
        save_as_decap([path], ROOT / content)
    except LayoutError as error:
        path.unlink()
        raise Exit(f"{path} n’a pas pu être écrit dans la mise en page de l’éditeur en ligne ({error}) : "
                   "lancez « make build » (ou « npm ci ») pour installer ses paquets, puis recommencez.", code=1) from None
    print(f"Créé : {path} (brouillon). Remplacez chaque « À compléter » ; le guide dit ce que demande chaque champ "
          "(docs/guide-redaction.md). Pour le publier, choisissez l’état « Publié » (status: published).")

"""Editor commands (invoke): build, preview, serve. `make` calls them after setup.

Every build goes to a staging folder first; `output/` is replaced only when
the build passed, so a mistake never leaves a half-built site behind.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
CONTENT = "content"
OUTPUT = "output"
SETTINGS = "pelicanconf.py"
PUBLISH_SETTINGS = "publishconf.py"
# What `livereload` watches: a change in any of them rebuilds the site.
WATCHED = ["content", "theme", "plugins", "pelicanconf.py"]


def run_pelican(content, settings, output):
    """Build with Pelican in a fresh process; True when it succeeded.

    A fresh process per build: Pelican deduplicates log messages for the
    whole life of a process, so a second build in the same one could hide a
    warning, and our checks turn every warning into a failure.
    """
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output)]
    return subprocess.run(command, cwd=ROOT, check=False).returncode == 0


def replace_folder(new, target):
    """Put `new` in the place of `target` with two renames."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build_site(content=CONTENT, settings=SETTINGS, output=OUTPUT):
    """Build into `<output>.staging`, then replace `output` if all went well."""
    target = ROOT / output
    staging = target.with_name(target.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    if not run_pelican(content, settings, staging):
        shutil.rmtree(staging, ignore_errors=True)
        kept = f"le dossier {output}/ garde la dernière version réussie" if target.exists() else "aucun site n'a été écrit"
        print(f"\nÉchec de la construction : {kept}.", file=sys.stderr)
        return False
    replace_folder(staging, target)
    return True


@task(help={"content": "dossier des textes", "output": "dossier du site construit"})
def build(c, content=CONTENT, output=OUTPUT):
    """Construit le site (pelicanconf.py) dans output/."""
    if not build_site(content, SETTINGS, output):
        raise Exit(code=1)


@task(help={"output": "dossier du site construit"})
def preview(c, output=OUTPUT):
    """Construit la version à publier (publishconf.py) dans output/."""
    if not build_site(CONTENT, PUBLISH_SETTINGS, output):
        raise Exit(code=1)


@task
def clean(c):
    """Supprime le site construit et les dossiers temporaires."""
    for name in (OUTPUT, f"{OUTPUT}.staging", f"{OUTPUT}.old", "cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)


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
    from livereload import Server  # noqa: PLC0415 (only this task needs it)

    def rebuild_site():
        build_site(content, SETTINGS, output)

    rebuild_site()
    (ROOT / output).mkdir(exist_ok=True)
    server = Server()
    for path in [content, *WATCHED[1:]]:
        server.watch(str(ROOT / path), rebuild_site)
    print(f"Aperçu sur http://localhost:{port}/ (Ctrl+C pour arrêter)")
    server.serve(host="localhost", port=int(port), root=str(ROOT / output), open_url_delay=None)

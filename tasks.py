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
# The plugins' plain functions serve the editor commands too (schema, new-offer).
sys.path.insert(0, str(ROOT / "plugins"))
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


@task
def schema(c):
    """Met à jour schemas/*.json et la table des champs de docs/guide-redaction.md."""
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

"""Build speed at scale: the project's build against plain Pelican.

    .venv/bin/python benchmarks/build.py [--documents 100 1000 5000] [--runs 3]

For each N, writes N realistic French documents (benchmarks/generate.py) in a
temporary folder, builds them once untimed (the caches of .cache/ warm, as
for an editor's site), then measures, each time as a whole process, several
runs:
- the full build with the project's settings (theme, every plugin,
  typography, search index, link checks);
- the same content with plain Pelican: only the YAML reader and a
  one-template theme (the baseline);
- the same without the search index;
- plain Pelican, then Pagefind over what it wrote: the baseline with the
  search index that issue 7 asks for, and no other work of ours;
- a rebuild after changing one offer, with `make serve` itself: from the
  save to the browser's reload message (preview.py);
- the floor under it: plain Pelican rebuilding after the same change with
  its own reader cache (LOAD_CONTENT_CACHE), in a child forked from a
  process that imported Pelican, as the preview's builds are;
- the link checker alone;
- the build's peak memory;
and the preview's reload on the real site (preview.py).
Prints one table and writes it at the top of benchmarks/RESULTS.md, with the
date and the machine; the measures of earlier days stay below it.
"""

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generate import generate
from preview import measure_preview

ROOT = Path(__file__).resolve().parent.parent
# The plugins' folder and the core they stand on, as pelicanconf.py puts them.
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]
from search_index import index_command  # noqa: E402 (the plugins' folder first)

BASELINE_TEMPLATE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>{{ (article or page).title if (article or page) else SITENAME }}</title></head>
<body><main>{% if article or page %}<h1>{{ (article or page).title }}</h1>{{ (article or page).content }}
{% else %}{% for a in articles %}<p><a href="/{{ a.url }}">{{ a.title }}</a></p>{% endfor %}{% endif %}</main></body></html>
"""
BASELINE_SETTINGS = """
SITENAME = "Référence"
PATH = "content"
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = ["yaml_front_matter"]
THEME = {theme!r}
ARTICLE_PATHS = ["ressources"]
PAGE_PATHS = ["pages", "ateliers"]
SLUGIFY_SOURCE = "basename"
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
ARTICLE_URL = "ressources/{{slug}}/"
ARTICLE_SAVE_AS = "ressources/{{slug}}/index.html"
DIRECT_TEMPLATES = ["index"]
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TYPOGRIFY = False
DEFAULT_PAGINATION = False
MARKDOWN = {{"extensions": ["markdown.extensions.extra", "markdown.extensions.toc"], "output_format": "html5"}}
"""


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time
    memory: float  # peak, MB
    processor: float  # CPU seconds, user and system, with the processes it started

    def __add__(self, other):
        return Run(self.seconds + other.seconds, max(self.memory, other.memory), self.processor + other.processor)


def timed(command, cwd=ROOT):
    """Run a process to its end and measure it."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"échec de {' '.join(map(str, command))} :\n{process.stderr.read().decode()}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def baseline_settings(folder):
    theme = folder / "theme"
    (theme / "templates").mkdir(parents=True)
    # One template, under every name a page may ask for (template: home…).
    for path in (ROOT / "theme" / "templates").glob("*.html"):
        (theme / "templates" / path.name).write_text(BASELINE_TEMPLATE, encoding="utf-8")
    settings = folder / "baseline.py"
    settings.write_text(BASELINE_SETTINGS.format(plugins=str(ROOT / "plugins"), theme=str(theme)), encoding="utf-8")
    return settings


def pelican(content, settings, output):
    return [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output)]


def baseline_rebuilds(offer, command, folder, runs):
    """Seconds of plain Pelican's rebuild after `offer` is saved, `runs`
    times, with Pelican's own reader cache (only the changed file is read
    again), each in a child forked from this process, which has imported
    Pelican and the YAML reader's libraries: what the preview's builds
    start from (core/runner.py). The lowest a preview's rebuild could be."""
    import markdown  # noqa: F401 (imported once here, as the preview's build process does)
    import pelican.generators  # noqa: F401
    import yaml  # noqa: F401

    from core.runner import Command, run_in_a_child

    cache = folder / "floor-cache"
    options = ["-e", "LOAD_CONTENT_CACHE=true", "CACHE_CONTENT=true", 'CONTENT_CACHING_LAYER="reader"',
               f'CACHE_PATH="{cache}"']
    output = Path(command[command.index("-o") + 1])
    arguments = (*command[command.index("pelican") + 1:], *options)
    seconds = []
    for number in range(runs + 1):  # the first fills the cache
        offer.write_text(offer.read_text(encoding="utf-8") + f"\nModifié ({number}).\n", encoding="utf-8")
        shutil.rmtree(output, ignore_errors=True)
        with open(os.devnull, "w") as quiet:
            start = time.perf_counter()
            status = run_in_a_child(Command("pelican", arguments, str(ROOT), stdout=quiet.name, stderr=quiet.name))
            seconds.append(time.perf_counter() - start)
        if status != 0:
            raise SystemExit(f"échec de pelican {' '.join(arguments)}")
    return seconds[1:]


def spread(values):
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def fresh(folder, name):
    """A folder that does not exist yet, as CI builds into: no run is helped
    by the files of the one before."""
    path = folder / name
    shutil.rmtree(path, ignore_errors=True)
    return path


def measure(documents, runs):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        content = folder / "content"
        generate(content, documents)
        settings = baseline_settings(folder)
        builds = {"full": [], "bare": [], "base": [], "indexed": []}
        # One untimed build first: the content is new, and its first build
        # makes every programme PDF (.cache/programmes/), minutes at N = 1000.
        timed([*pelican(content, ROOT / "pelicanconf.py", fresh(folder, "warm")), "-e", "SEARCH_INDEX=false"])
        # Interleaved runs: a machine that slows down slows all four alike.
        for _ in range(runs):
            builds["full"].append(timed(pelican(content, ROOT / "pelicanconf.py", fresh(folder, "full"))))
            builds["bare"].append(timed([*pelican(content, ROOT / "pelicanconf.py", fresh(folder, "bare")),
                                         "-e", "SEARCH_INDEX=false"]))
            builds["base"].append(timed(pelican(content, settings, fresh(folder, "base"))))
            plain = timed(pelican(content, settings, fresh(folder, "indexed")))
            builds["indexed"].append(plain + timed(index_command(folder / "indexed")))
        # make serve's own command; from saving an offer to the browser's reload.
        offer = Path("ateliers") / "atelier-1.md"
        rebuild = measure_preview(content, offer, saves=runs, pause=max(2.0, documents / 500))
        floor = baseline_rebuilds(content / offer, pelican(content, settings, fresh(folder, "floor")), folder, runs)
        check = [timed([sys.executable, str(ROOT / "benchmarks" / "check_links.py"), str(folder / "full")]).seconds
                 for _ in range(runs)]
    per_document = 1000 / documents

    def per_doc(name):
        return spread([run.seconds * per_document for run in builds[name]])

    def median(name, measure="seconds"):
        return statistics.median(getattr(run, measure) for run in builds[name])

    def ratio(name):
        return f"{median(name) / median('base'):.2f}"

    return {
        "N": documents,
        "complète (ms/doc)": per_doc("full"),
        "Pelican seul (ms/doc)": per_doc("base"),
        "rapport": ratio("full"),
        "sans recherche (ms/doc)": per_doc("bare"),
        "rapport sans recherche": ratio("bare"),
        "Pelican seul puis Pagefind (ms/doc)": per_doc("indexed"),
        "rapport Pelican seul puis Pagefind": ratio("indexed"),
        "processeur : complète / sans recherche / Pelican seul / Pelican seul puis Pagefind (s)":
            " / ".join(f"{median(name, 'processor'):.1f}" for name in builds),
        "reconstruction (s)": spread(rebuild),
        "Pelican seul, reconstruction avec son cache (s)": spread(floor),
        "liens (ms/doc)": spread([seconds * per_document for seconds in check]),
        "mémoire max (Mo)": f"{max(run.memory for run in builds['full']):.0f}",
        "Pelican seul, mémoire (Mo)": f"{max(run.memory for run in builds['base']):.0f}",
    }


def table(rows):
    headers = list(rows[0])
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(row[key]) for key in headers) + " |" for row in rows]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    rows = [measure(documents, options.runs) for documents in options.documents]
    reloads = measure_preview(saves=5)
    machine = f"{platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}, {platform.platform()}"
    text = (f"## {datetime.date.today().isoformat()} (`benchmarks/build.py --documents "
            f"{' '.join(map(str, options.documents))} --runs {options.runs}`)\n\n"
            f"{datetime.date.today().isoformat()}, {machine}. "
            f"Médiane de {options.runs} passages (min–max), chaque construction dans un processus neuf "
            "et un dossier neuf.\n\n"
            f"{table(rows)}\n\n"
            "« complète » : `pelicanconf.py`, toutes les extensions, typographie et index de recherche compris. "
            "« Pelican seul » : le lecteur YAML, lisant un fichier après l’autre, et un thème d’un seul gabarit "
            "(la référence). « rapport » : complète / Pelican seul. « sans recherche » : la construction complète "
            "sans l’index Pagefind (SEARCH_INDEX=false). « Pelican seul puis Pagefind » : la référence, puis Pagefind "
            "sur les pages qu’elle a écrites, en français : la référence avec l’index de recherche, sans rien "
            "d’autre de nos extensions. « processeur » : le temps de calcul de chaque construction (médiane, "
            "utilisateur et système, processus fils compris), que les cœurs de la machine se partagent. "
            "« reconstruction » : avec `make serve` (`invoke serve`), de l’enregistrement d’un atelier modifié "
            "à l’ordre de recharger la page (l’index de recherche est mis à jour ensuite, en arrière-plan). "
            "« Pelican seul, reconstruction avec son cache » : la référence après le même enregistrement, avec le "
            "cache de lecture de Pelican (seul le fichier modifié est relu), dans un processus qui a déjà importé "
            "Pelican, comme ceux de l’aperçu : le plancher de toute reconstruction par Pelican. "
            "« liens » : le vérificateur de liens seul, processus compris. « mémoire max » : le plus gros processus "
            "de la construction (les processus fils partagent la mémoire du premier).\n\n"
            f"Aperçu du vrai site (`benchmarks/preview.py`) : la page reçoit l’ordre de se recharger "
            f"{statistics.median(reloads):.2f} s après l’enregistrement d’un fichier (médiane de 5 ; "
            f"{min(reloads):.2f}–{max(reloads):.2f}).\n")
    print(text)
    results = ROOT / "benchmarks" / "RESULTS.md"
    title, _, earlier = results.read_text(encoding="utf-8").partition("\n\n") if results.is_file() else ("", "", "")
    results.write_text(f"{title or '# Mesures de la construction'}\n\n{text}\n{earlier}", encoding="utf-8")


if __name__ == "__main__":
    main()

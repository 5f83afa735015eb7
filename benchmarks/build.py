"""Build speed at scale: the project's build against plain Pelican.

    .venv/bin/python benchmarks/build.py [--documents 100 1000 5000] [--runs 3]

For each N, writes N realistic French documents (benchmarks/generate.py) in a
temporary folder, then measures, each time as a whole process, several runs:
- the full build with the project's settings (theme, every plugin,
  typography, search index, link checks);
- the same content with plain Pelican: only the YAML reader and a
  one-template theme (the baseline);
- a rebuild after changing one offer, as `make serve` does it;
- the link checker alone;
- the build's peak memory.
Prints one table and writes it to benchmarks/RESULTS.md with the date and the machine.
"""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

ROOT = Path(__file__).resolve().parent.parent
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
PROCESSES = 1  # plain Pelican reads in turn
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


def timed(command, cwd=ROOT):
    """Run a process; its wall time in seconds and its peak memory in MB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"échec de {' '.join(map(str, command))} :\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


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


def spread(values):
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def measure(documents, runs):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        content = folder / "content"
        generate(content, documents)
        full = [timed(pelican(content, ROOT / "pelicanconf.py", folder / "full")) for _ in range(runs)]
        base = [timed(pelican(content, baseline_settings(folder) if i == 0 else folder / "baseline.py", folder / "base"))
                for i in range(runs)]
        rebuild = []
        offer = next((content / "ateliers").glob("atelier-*.md"))
        for run in range(runs):
            offer.write_text(offer.read_text(encoding="utf-8") + f"\nModifié ({run}).\n", encoding="utf-8")
            rebuild.append(timed([sys.executable, "-m", "invoke", "build", "--content", str(content),
                                  "--output", str(folder / "apercu")])[0])
        check = [timed([sys.executable, str(ROOT / "benchmarks" / "check_links.py"), str(folder / "full")])[0]
                 for _ in range(runs)]
    full_seconds, base_seconds = [s for s, _ in full], [s for s, _ in base]
    per_document = 1000 / documents
    return {
        "N": documents,
        "complète (ms/doc)": spread([s * per_document for s in full_seconds]),
        "Pelican seul (ms/doc)": spread([s * per_document for s in base_seconds]),
        "rapport": f"{statistics.median(full_seconds) / statistics.median(base_seconds):.2f}",
        "reconstruction (s)": spread(rebuild),
        "liens (ms/doc)": spread([s * per_document for s in check]),
        "mémoire max (Mo)": f"{max(memory for _, memory in full):.0f}",
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
    machine = f"{platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}, {platform.platform()}"
    text = (f"# Mesures de la construction\n\n{datetime.date.today().isoformat()}, {machine}. "
            f"Médiane de {options.runs} passages (min–max), chaque construction dans un processus neuf.\n\n"
            f"{table(rows)}\n\n« Pelican seul » : le lecteur YAML et un thème d’un seul gabarit (la référence). "
            "« rapport » : construction complète / Pelican seul. « reconstruction » : `invoke build` après la "
            "modification d’un atelier, comme `make serve`. « liens » : le vérificateur de liens seul, processus compris.\n")
    print(text)
    (ROOT / "benchmarks" / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

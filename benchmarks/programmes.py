"""What the programme PDFs (plugins/programme_pdf) cost a build, cold and warm.

    .venv/bin/python benchmarks/programmes.py [--documents 100] [--content content] [--runs 1]

On the real site (--content content) or on N generated documents (half of
them offers, benchmarks/generate.py), in a temporary folder, each build a
whole process (`python -m pelican -v`):
- without the plugin (PLUGINS less programme_pdf);
- cold: an empty .cache/programmes/, every programme laid out;
- warm: the same build again, every programme taken from the cache.
The plugin's own time is read from its log line (« Programmes PDF : … en N s »).
Prints a Markdown table; each PDF's size with --sizes.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))
import pelicanconf  # noqa: E402 (the settings' own folder first)

WITHOUT = ["-e", "PLUGINS=" + json.dumps([name for name in pelicanconf.PLUGINS if name != "programme_pdf"])]
_PHASE = re.compile(r"Programmes PDF : (\d+) mis en page, (\d+) repris du .*? en ([\d.]+) s")


def build(content, output, extra=()):
    """(seconds, the plugin's seconds or None, laid out, from cache) of one build."""
    shutil.rmtree(output, ignore_errors=True)
    started = time.monotonic()
    done = subprocess.run([PYTHON, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output), "-v",
                           "-e", "SEARCH_INDEX=false", *extra], cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "COLUMNS": "1000"})
    took = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"la construction a échoué :\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    phase = _PHASE.search(" ".join((done.stdout + done.stderr).split()))
    return took, *((float(phase[3]), int(phase[1]), int(phase[2])) if phase else (None, 0, 0))


def measure(content, runs, sizes):
    content = Path(content).resolve()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        copy = work / "content"
        shutil.copytree(content, copy)
        output, cache = work / "output", work / ".cache" / "programmes"
        rows = {"sans l’extension": [], "à froid": [], "à chaud": []}
        for _ in range(runs):
            rows["sans l’extension"].append(build(copy, output, WITHOUT))
            shutil.rmtree(cache, ignore_errors=True)
            rows["à froid"].append(build(copy, output))
            rows["à chaud"].append(build(copy, output))
        pdfs = sorted((output / "ateliers").glob("*.pdf"))
        print(f"\n{len(pdfs)} programmes, {sum(path.stat().st_size for path in pdfs) / 1024:.0f} Ko en tout\n")
        print("| construction | durée (s) | dont programmes (s) | mis en page / repris |\n|---|---|---|---|")
        for name, results in rows.items():
            total = statistics.median(result[0] for result in results)
            phases = [result[1] for result in results if result[1] is not None]
            phase = f"{statistics.median(phases):.2f}" if phases else "—"
            print(f"| {name} | {total:.2f} | {phase} | {results[-1][2]} / {results[-1][3]} |")
        if sizes:
            print("\n| programme | taille (Ko) | pages |\n|---|---|---|")
            from pypdf import PdfReader

            for path in pdfs:
                print(f"| {path.name} | {path.stat().st_size / 1024:.1f} | {len(PdfReader(path).pages)} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--content", help="un dossier de contenu existant (le vrai site : content)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--sizes", action="store_true", help="la taille et le nombre de pages de chaque programme")
    arguments = parser.parse_args()
    if arguments.content:
        measure(arguments.content, arguments.runs, arguments.sizes)
        return
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder) / "content", arguments.documents)
        measure(Path(folder) / "content", arguments.runs, arguments.sizes)


if __name__ == "__main__":
    main()

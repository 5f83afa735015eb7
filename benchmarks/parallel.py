"""What plugins/parallel_pages buys: the same build with it on and off, runs
interleaved so that a machine that slows down slows both alike.

    .venv/bin/python benchmarks/parallel.py [--documents 1000] [--runs 5]

"off" is the same settings with PARALLEL_PAGES_MIN beyond any site, so
Pelican reads and renders in its own process; both are built without the
search index (which is the same work either way) and beside plain Pelican
(the baseline of build.py), after one untimed build that warms the caches
of .cache/ (the generated content is new each time). Prints medians, spread,
ratio and CPU time.
"""

import argparse
import statistics
import tempfile
from pathlib import Path

from build import ROOT, baseline_settings, fresh, pelican, timed
from generate import generate

VARIANTS = {
    "parallel_pages actif": ["SEARCH_INDEX=false"],
    "parallel_pages inactif": ["SEARCH_INDEX=false", f"PARALLEL_PAGES_MIN={10**9}"],
}


def compare(documents, runs):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        content = folder / "content"
        generate(content, documents)
        baseline = baseline_settings(folder)
        builds = {name: [] for name in [*VARIANTS, "Pelican seul"]}
        # One untimed build first: the caches of .cache/ (programme PDFs,
        # pictures, Jinja) are warm for every timed run alike.
        timed([*pelican(content, ROOT / "pelicanconf.py", fresh(folder, "warm")), "-e", *VARIANTS["parallel_pages inactif"]])
        for _ in range(runs):
            for name, extra in VARIANTS.items():
                # One -e: Pelican keeps only the last one given.
                command = [*pelican(content, ROOT / "pelicanconf.py", fresh(folder, "site")), "-e", *extra]
                builds[name].append(timed(command))
            builds["Pelican seul"].append(timed(pelican(content, baseline, fresh(folder, "base"))))
    base = statistics.median(run.seconds for run in builds["Pelican seul"])
    lines = [f"| N = {documents}, {runs} passages | médiane (s) | min–max | rapport à Pelican seul | processeur (s) |",
             "|---|---|---|---|---|"]
    for name, measured in builds.items():
        seconds = [run.seconds for run in measured]
        lines.append(f"| {name} | {statistics.median(seconds):.2f} | {min(seconds):.2f}–{max(seconds):.2f} | "
                     f"{statistics.median(seconds) / base:.2f} | {statistics.median(run.processor for run in measured):.1f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    print(compare(options.documents, options.runs))


if __name__ == "__main__":
    main()

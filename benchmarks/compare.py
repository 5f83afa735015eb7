"""This repository's build against an earlier commit's, on the same machine
at the same time: runs interleaved, so that a machine that slows down
slows both alike.

    .venv/bin/python benchmarks/compare.py REF [--documents 1000] [--runs 5]

REF is checked out in a temporary git worktree and built with this
repository's .venv. The content is written by REF's own generate.py, so
that both versions can build it. For each run: the full build and the one
without the search index (SEARCH_INDEX=false) of each version, then plain
Pelican (the baseline of build.py). Prints the medians, their spread and
their ratio to the baseline.
"""

import argparse
import importlib.util
import statistics
import subprocess
import tempfile
from pathlib import Path

from build import ROOT, baseline_settings, fresh, pelican, timed


def generator_of(tree):
    """The generate() of benchmarks/generate.py in `tree`."""
    spec = importlib.util.spec_from_file_location("generate_then", tree / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def compare(ref, documents, runs):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        before = folder / "avant"
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(before), ref], cwd=ROOT, check=True)
        try:
            content = folder / "content"
            generator_of(before)(content, documents)
            baseline = baseline_settings(folder)
            builds = {f"{who}, {what}": [] for who in ("ce dépôt", ref) for what in ("complète", "sans recherche")}
            builds["Pelican seul"] = []
            for _ in range(runs):
                for who, tree in (("ce dépôt", ROOT), (ref, before)):
                    builds[f"{who}, complète"].append(timed(pelican(content, tree / "pelicanconf.py", fresh(folder, "a")), tree))
                    builds[f"{who}, sans recherche"].append(
                        timed([*pelican(content, tree / "pelicanconf.py", fresh(folder, "b")), "-e", "SEARCH_INDEX=false"], tree))
                builds["Pelican seul"].append(timed(pelican(content, baseline, fresh(folder, "c"))))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT, check=False)
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
    parser.add_argument("ref")
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    print(compare(options.ref, options.documents, options.runs))


if __name__ == "__main__":
    main()

"""What French typography costs the build (plugins/french_typography).

    .venv/bin/python benchmarks/typography.py [--documents 1000] [--runs 3]

On the real site and on N generated documents (benchmarks/generate.py):
whole builds with and without the plugin (median of several runs, each a
fresh process as `make build` runs it), and the filter alone over every page
the build wrote.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]
from generate import generate  # noqa: E402

from french_typography import french  # noqa: E402


def build_seconds(content, output, typography=True):
    command = [sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output),
               "-e", f"FRENCH_TYPOGRAPHY={json.dumps(typography)}"]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def filter_seconds(output):
    pages = [path.read_text(encoding="utf-8") for path in Path(output).rglob("*.html")]
    start = time.perf_counter()
    for page in pages:
        french(page)
    return time.perf_counter() - start, len(pages)


def measure(name, content, runs):
    with tempfile.TemporaryDirectory() as output:
        full = [build_seconds(content, output) for _ in range(runs)]
        alone, pages = min(filter_seconds(output) for _ in range(runs))
        plain = [build_seconds(content, output, typography=False) for _ in range(runs)]
    full_median, plain_median = statistics.median(full), statistics.median(plain)
    print(f"{name} : {pages} pages")
    print(f"  construction complète   : médiane {full_median:.3f} s ({min(full):.3f} à {max(full):.3f})")
    print(f"  sans la typographie     : médiane {plain_median:.3f} s ({min(plain):.3f} à {max(plain):.3f})")
    print(f"  écart                   : {full_median - plain_median:+.3f} s, "
          f"{(full_median - plain_median) / full_median:.1%} de la construction")
    print(f"  le filtre seul          : {alone:.3f} s, {alone / pages * 1000:.2f} ms par page, "
          f"{alone / full_median:.1%} de la construction")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    measure("Le site réel", ROOT / "content", options.runs)
    with tempfile.TemporaryDirectory() as folder:
        generate(folder, options.documents)
        measure(f"{options.documents} documents générés", folder, options.runs)


if __name__ == "__main__":
    main()

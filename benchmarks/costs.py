"""Where a full build's time goes, plugin by plugin: why the site costs
more than plain Pelican on the same documents.

    .venv/bin/python benchmarks/costs.py [--documents 1000]

Writes N documents (generate.py), builds them once to warm the caches, then
builds them again under cProfile, in a new process, with the site's own
settings, and shares the time out: each plugin's entry points (its functions
that code outside the plugin calls: signal receivers, reader wrappers, Jinja
filters, the template class), Jinja's rendering of the theme, and what is
left, Pelican itself. Shares of the profiled time, not seconds: the profiler
slows Python code down, unevenly.
"""

import argparse
import pstats
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from generate import generate

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
RENDER = ("jinja2/environment.py", "render")
# The template class every page goes through (plugins/french_typography).
THEME_CLASS = "french_typography/__init__.py"


def owner(filename):
    """The plugin a file belongs to, or None."""
    path = Path(filename)
    return path.relative_to(PLUGINS).parts[0] if path.is_relative_to(PLUGINS) else None


def shares(profile):
    """{part: seconds} of a cProfile file: each plugin, Jinja, Pelican and the rest."""
    stats = pstats.Stats(str(profile)).stats
    total = max(cumulative for _calls, _primitive, _own, cumulative, _callers in stats.values())
    parts = defaultdict(float)
    for (filename, _line, name), (_calls, _primitive, _own, _cumulative, callers) in stats.items():
        plugin = owner(filename)
        if plugin and any(owner(caller[0]) != plugin for caller in callers):
            # An entry point: its time, less what it spent in other entry points of the same plugin.
            parts[plugin] += sum(time for caller, (_n, _p, _own, time) in callers.items()
                                 if owner(caller[0]) != plugin)
        elif filename.endswith(RENDER[0]) and name == RENDER[1]:
            # The theme's pages: rendered for Pelican's writer, through french_typography's
            # template class, whose time it is part of.
            for caller, (_n, _p, _own, time) in callers.items():
                if owner(caller[0]) is None or caller[0].endswith(THEME_CLASS):
                    parts["Jinja (gabarits du thème)"] += time
                    if caller[0].endswith(THEME_CLASS):
                        parts["french_typography"] -= time
    parts["Pelican et le reste"] = total - sum(parts.values())
    return total, dict(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        generate(folder / "content", options.documents)
        build = [sys.executable, "-m", "pelican", str(folder / "content"), "-s", "pelicanconf.py",
                 "-o", str(folder / "site")]
        subprocess.run(build, cwd=ROOT, check=True, capture_output=True)  # the caches warm
        profiled = [sys.executable, "-m", "cProfile", "-o", str(folder / "profil"), "-m", *build[2:]]
        subprocess.run(profiled, cwd=ROOT, check=True, capture_output=True)
        total, parts = shares(folder / "profil")
    print(f"N = {options.documents} : {total:.1f} s sous le profileur")
    print("| partie | part du temps |\n|---|---|")
    for part, seconds in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"| {part} | {100 * seconds / total:.1f} % |")


if __name__ == "__main__":
    main()

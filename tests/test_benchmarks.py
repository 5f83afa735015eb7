"""The benchmark scripts still start: each imports the plugins and core/ as
they are now (a move in core/ once broke them silently, since nothing runs
them but the person measuring). Only their help is asked: nothing is measured."""

import subprocess
import sys

import pytest

from conftest import ROOT

SCRIPTS = sorted(path for path in (ROOT / "benchmarks").glob("*.py") if "argparse" in path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[path.stem for path in SCRIPTS])
def test_each_benchmark_starts_and_says_what_it_measures(script):
    result = subprocess.run([sys.executable, str(script), "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage:")


def test_the_link_benchmarks_helper_checks_a_folder(tmp_path):
    (tmp_path / "index.html").write_text('<!doctype html><html lang="fr"><title>x</title><a href="/">x</a></html>',
                                         encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "check_links.py"), str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_preview_floor_is_plain_pelican_rebuilding_from_its_cache(tmp_path):
    """benchmarks/build.py's floor: plain Pelican, after an offer is saved,
    reads again only that file (its reader cache) and writes the site."""
    script = f"""
import sys
sys.path.insert(0, {str(ROOT / "benchmarks")!r})
sys.argv = ["build"]
from pathlib import Path
import build
folder = Path({str(tmp_path)!r})
build.generate(folder / "content", 2 * (len(list(build.ROOT.glob("content/ateliers/*.md"))) + 2))
command = build.pelican(folder / "content", build.baseline_settings(folder), folder / "floor")
seconds = build.baseline_rebuilds(folder / "content" / "ateliers" / "atelier-1.md", command, folder, 2)
print(len(seconds), all(value > 0 for value in seconds))
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["2", "True"]
    written = (tmp_path / "floor" / "atelier-1" / "index.html").read_text(encoding="utf-8")
    assert "Modifié (2)." in written and any((tmp_path / "floor-cache").iterdir())

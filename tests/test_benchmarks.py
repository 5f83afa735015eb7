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

"""What is installed, and when: building needs only requirements/build.txt,
the tests add requirements/test.txt; both pinned with hashes; a weekly run
tries the newest Pelican, Markdown and Jinja2."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

REQUIREMENTS = ROOT / "requirements"
WEEKLY = ROOT / ".github" / "workflows" / "weekly.yml"


def pinned(name):
    """{package: version} of a generated requirements file."""
    text = (REQUIREMENTS / name).read_text(encoding="utf-8")
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", text, re.M))


@pytest.mark.parametrize("name", ["build.txt", "test.txt"])
def test_every_package_is_pinned_with_its_hashes(name):
    text = (REQUIREMENTS / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z])", text.split("\n", 1)[1].strip())
    packages = [entry for entry in entries if not entry.startswith("#")]
    assert len(packages) == len(pinned(name)) > 5
    assert all("--hash=sha256:" in entry for entry in packages)


def test_building_installs_no_test_tool():
    build = {name.lower() for name in pinned("build.txt")}
    assert {"pelican", "markdown", "jinja2", "tornado"} <= build
    assert not build & {"pytest", "playwright", "hypothesis", "livereload", "typogrify", "smartypants"}
    shared = pinned("build.txt").keys() & pinned("test.txt").keys()
    assert all(pinned("build.txt")[name] == pinned("test.txt")[name] for name in shared)


def test_make_installs_with_hashes_required():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes" in makefile and "pip-tools==" in makefile
    assert re.search(r"^serve: \$\(STAMP\)$", makefile, re.M) and re.search(r"^build: \$\(STAMP\)$", makefile, re.M)


def test_the_weekly_run_tries_the_newest_releases_with_pinned_actions():
    workflow = yaml.safe_load(WEEKLY.read_text(encoding="utf-8"))
    assert "schedule" in workflow[True]  # YAML 1.1 reads the key `on` as True
    (job,) = workflow["jobs"].values()
    assert job["timeout-minutes"] <= 90
    assert all(re.fullmatch(r"[\w/-]+@[0-9a-f]{40}", step["uses"]) for step in job["steps"] if "uses" in step)
    upgrade = next(step["run"] for step in job["steps"] if "--upgrade" in step.get("run", ""))
    assert {"pelican", "markdown", "jinja2"} <= set(upgrade.split())
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run([str(actionlint), "-no-color", str(WEEKLY)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

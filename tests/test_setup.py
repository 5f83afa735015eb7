"""The setup promises: two README commands, CI runs the test one, the
workflow checks the site before it publishes to GitHub Pages and passes
actionlint, the Node tools are pinned with their lock file."""

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme


def test_ci_runs_the_readme_test_command():
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    commands = [line for line in lines if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["make test"]


def test_workflows_pass_actionlint():
    """Every workflow (tests/test_workflows.py says what each one does)."""
    actionlint = Path(sys.executable).parent / "actionlint"
    workflows = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    result = subprocess.run([str(actionlint), "-no-color", *workflows], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_node_tools_are_pinned_with_their_lock_file():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    wanted = package["devDependencies"]
    assert set(wanted) == {"vnu-jar", "axe-core", "lighthouse", "decap-cms"}
    for name, version in wanted.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} doit être épinglé à une version exacte"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
        assert lock["packages"][f"node_modules/{name}"]["integrity"].startswith("sha512-")


def test_setup_installs_the_checks_tools_rather_than_skipping_them():
    """make test and make check install Java, Chromium and the Node tools
    (npm ci from the lock, without vnu-jar's download script)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("test", "check"):
        prerequisites = re.search(rf"^{target}:(.*)$", makefile, re.M).group(1).split()
        assert {"browser", "java", "$(NODE_STAMP)"} <= set(prerequisites)
    assert "npm ci --ignore-scripts" in makefile
    assert "default-jre-headless" in makefile and "apt-get" in makefile

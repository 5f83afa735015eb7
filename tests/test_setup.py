"""The setup promises: two README commands, CI runs the test one, the
workflow publishes to GitHub Pages and passes actionlint."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme


def test_ci_runs_the_readme_test_command():
    commands = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["make test"]


def test_workflow_passes_actionlint():
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run([str(actionlint), "-no-color", str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_then_publishes_to_pages():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run") for step in steps]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert runs.index("make test") < runs.index("make publish")
    publish = steps[runs.index("make publish")]
    assert re.fullmatch(r"\$\{\{ steps\.pages\.outputs\.base_url \}\}", publish["env"]["SITEURL"])
    assert "actions/upload-pages-artifact" in uses
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}

"""The GitHub workflows: a push to main is published once `make check`
passes (and `make test`, when the code changed); a pull request is checked
the same way, with its built site attached, without any secret or write
token; every action is pinned by commit, and Dependabot keeps the pins current."""

import re
import subprocess

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
CODE_CHANGED = ROOT / ".github" / "scripts" / "code-changed"


def load(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as True
    return workflow


def steps_of(job):
    return [(step.get("uses", "").split("@")[0], step.get("run"), step) for step in job["steps"]]


def index_of(job, what):
    return next(number for number, (uses, run, _) in enumerate(steps_of(job)) if what in (uses, run))


ALL = sorted(WORKFLOWS.glob("*.yml"))


@pytest.mark.parametrize("path", ALL, ids=lambda path: path.name)
def test_every_action_is_pinned_by_commit_with_its_version(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*(- )?uses:", line):
            assert re.fullmatch(r"\s*(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}", line), line


@pytest.mark.parametrize("path", ALL, ids=lambda path: path.name)
def test_every_job_is_bounded_and_reads_only(path):
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name
        for uses, _, step in steps_of(job):
            if uses == "actions/checkout":
                assert step["with"]["persist-credentials"] is False, name
            if uses == "actions/setup-python":
                assert (step["with"]["cache"], step["with"]["cache-dependency-path"]) == ("pip", "requirements/*.txt")
            if uses == "actions/setup-node":
                assert (step["with"]["cache"], step["with"]["cache-dependency-path"]) == ("npm", "package-lock.json")
        if job.get("permissions"):
            assert [uses for uses, _, _ in steps_of(job)] == ["actions/deploy-pages"], \
                f"{name} : seul le déploiement a des droits d'écriture"


def test_publishing_waits_for_make_check_and_for_the_tests_when_code_changed():
    workflow = load(PUBLISH)
    assert workflow["on"]["push"]["branches"] == ["main"]
    build, test, deploy = (workflow["jobs"][name] for name in ("build", "test", "deploy"))
    # make check builds the published version and replaces output/ only when
    # every check passes; a failed step stops the job, so nothing is uploaded.
    assert index_of(build, "make check") < index_of(build, "actions/upload-pages-artifact")
    check = steps_of(build)[index_of(build, "make check")][2]
    assert check["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert steps_of(build)[index_of(build, "actions/upload-pages-artifact")][2]["with"]["path"] == "output"
    assert not any(step.get("continue-on-error") for _, _, step in steps_of(build))
    # The tests run only when the push touched code, beside the check.
    tests = steps_of(test)[index_of(test, "make test")][2]
    assert tests["if"] == "steps.changes.outputs.code == 'true'"
    assert "code-changed" in steps_of(test)[index_of(test, ".github/scripts/code-changed \"$BEFORE\"")][1]
    assert deploy["needs"] == ["build", "test"]
    assert [uses for uses, _, _ in steps_of(deploy)] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_a_pull_request_is_checked_without_secrets_and_its_site_attached():
    workflow = load(PULL_REQUEST)
    assert set(workflow["on"]) == {"pull_request"}  # never pull_request_target
    assert "secrets." not in PULL_REQUEST.read_text(encoding="utf-8")
    check, test = workflow["jobs"]["check"], workflow["jobs"]["test"]
    assert index_of(check, "make check") < index_of(check, "actions/upload-artifact")
    assert steps_of(check)[index_of(check, "actions/upload-artifact")][2]["with"]["path"] == "output"
    assert steps_of(test)[index_of(test, "make test")][2]["if"] == "steps.changes.outputs.code == 'true'"


def test_dependabot_keeps_actions_pip_and_npm_current():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in config["updates"]} == {"github-actions", "pip", "npm"}


# -- What counts as code -------------------------------------------------------------

def git(folder, *args):
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True).stdout.strip()


def commit(folder, message, *options):
    git(folder, "-c", "user.name=t", "-c", "user.email=t@exemple.org", "commit", "-q", *options, "-m", message)


def code_changed(folder, before):
    """What .github/scripts/code-changed says in `folder` since `before`."""
    return subprocess.run([str(CODE_CHANGED), before], cwd=folder, capture_output=True, text=True, check=True,
                          env={"PATH": "/usr/bin:/bin"}).stdout.strip()


@pytest.mark.parametrize(("changed", "code"), [
    (["content/ateliers/x.md"], "false"),
    (["content/images/photo.jpg", "content/pages/accueil.md"], "false"),
    (["content/x.md"], "false"),
    (["content/reglages.yml"], "false"),
    # Python runs at build time: code wherever it is.
    (["pelicanconf.py"], "true"),
    (["publishconf.py"], "true"),
    (["plugins/x.py"], "true"),
    (["content/x.md", "pelicanconf.py"], "true"),
    (["content/outil.py"], "true"),
    (["content/ateliers/x.md", "core/schemas/offer.py"], "true"),
    (["theme/x.html"], "true"),
    (["theme/templates/base.html"], "true"),
    (["tasks.py"], "true"),
    (["contenu/x.md"], "true"),
])
def test_a_change_to_editors_files_only_skips_the_tests(tmp_path, changed, code):
    git(tmp_path, "init", "-q")
    commit(tmp_path, "avant", "--allow-empty")
    before = git(tmp_path, "rev-parse", "HEAD")
    for name in changed:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    commit(tmp_path, "après")
    assert code_changed(tmp_path, before) == f"code={code}"


@pytest.mark.parametrize("before", ["", "0000000000000000000000000000000000000000"])
def test_an_unknown_starting_commit_runs_the_tests(tmp_path, before):
    """A new branch or a forced push: GitHub gives no usable commit."""
    git(tmp_path, "init", "-q")
    commit(tmp_path, "un", "--allow-empty")
    assert code_changed(tmp_path, before) == "code=true"

"""The published web editor's sign-in service: a variable of the GitHub
repository (WEB_EDITOR_AUTH_URL), read by publishconf.py and passed by the
publishing workflow, so that an association sets it up without editing code;
anything but an https address is refused in French."""

import os
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup
from web_editor import write_admin

from conftest import ROOT

READ = ("from pelican.settings import read_settings; "
        "print(read_settings('publishconf.py').get('WEB_EDITOR_AUTH_URL'))")


def published_setting(value):
    environ = {**os.environ, "SITEURL": "https://exemple.org"}
    environ.pop("WEB_EDITOR_AUTH_URL", None)
    if value is not None:
        environ["WEB_EDITOR_AUTH_URL"] = value
    return subprocess.run([sys.executable, "-c", READ], cwd=ROOT, env=environ, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("value", "taken"),
    [
        (None, "None"),
        ("", "None"),
        ("https://sveltia-cms-auth.asso.workers.dev", "https://sveltia-cms-auth.asso.workers.dev"),
        ("https://auth.exemple.org/decap/", "https://auth.exemple.org/decap"),
        ("  https://auth.exemple.org:8443  ", "https://auth.exemple.org:8443"),
    ],
    ids=["unset", "empty", "worker", "path-with-slash", "port-and-spaces"],
)
def test_the_sign_in_address_comes_from_the_repository_variable(value, taken):
    result = published_setting(value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == taken


@pytest.mark.parametrize(
    "value",
    ["http://auth.exemple.org", "javascript:alert(1)", "https://auth.exemple.org/?next=x",
     "https://auth.exemple.org/#x", "https://user@auth.exemple.org", "auth.exemple.org",
     "https://auth.exemple.org/a b", "https://" + "a" * 300 + ".org"],
    ids=["plain-http", "script", "query", "fragment", "credentials", "no-scheme", "space", "too-long"],
)
def test_anything_but_an_https_address_is_refused_in_french(value):
    result = published_setting(value)
    assert result.returncode != 0
    assert "WEB_EDITOR_AUTH_URL" in result.stderr and "n’est pas une adresse https valable" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_publishing_workflow_passes_the_repository_variable():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    check = next(step for step in workflow["jobs"]["build"]["steps"] if step.get("run") == "make check")
    assert check["env"]["WEB_EDITOR_AUTH_URL"] == "${{ vars.WEB_EDITOR_AUTH_URL }}"


@pytest.mark.parametrize(
    ("settings", "notice"),
    [
        ({"WEB_EDITOR_LOCAL_BACKEND": False, "WEB_EDITOR_AUTH_URL": None}, True),
        ({"WEB_EDITOR_LOCAL_BACKEND": False, "WEB_EDITOR_AUTH_URL": "https://auth.exemple.org"}, False),
        ({"WEB_EDITOR_LOCAL_BACKEND": True, "WEB_EDITOR_AUTH_URL": None}, False),
    ],
    ids=["published-without-service", "published-with-service", "preview"],
)
def test_a_published_editor_without_sign_in_service_says_so_and_how_to_edit_meanwhile(tmp_path, settings, notice):
    assert write_admin(tmp_path, {"SITEURL": "", **settings}) == []
    page = BeautifulSoup((tmp_path / "admin" / "index.html").read_text(encoding="utf-8"), "html.parser")
    said = page.select_one("body > .sans-connexion[role=note]")
    assert (said is not None) == notice
    if notice:
        text = said.get_text(" ", strip=True)
        assert "Se connecter (site publié)" in text and "make serve" in text
        assert page.body.find(recursive=False) is said  # above Decap's interface

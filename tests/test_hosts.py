"""The privacy page names the hosts ALLOWED_HOSTS lists. What a page would
load from another host is refused with the rest of the HTML outside the
allow-list (plugins/html_allowlist, tests/test_html_allowlist.py)."""

import json

import pytest

from conftest import build_files


@pytest.mark.parametrize(("hosts", "shown"), [
    ([], "Aucune page ne fait appel à un autre site"),
    (["www.youtube-nocookie.com", "player.vimeo.com"], "player.vimeo.com"),
])
def test_the_privacy_page_names_the_allowed_hosts(tmp_path, hosts, shown):
    files = {
        "pages/confidentialite.md": "---\ntitle: Confidentialité\ntemplate: privacy\n---\n\nAucun cookie.\n",
        "pages/video.md": "---\ntitle: Vidéo\n---\n\n<iframe title=\"Vidéo\" src=\"https://player.vimeo.com/v/1\"></iframe>\n",
    }
    if not hosts:
        del files["pages/video.md"]
    result, said = build_files(tmp_path, files, options=("-e", f"ALLOWED_HOSTS={json.dumps(hosts)}"))
    assert result.returncode == 0, said
    privacy = (tmp_path / "output" / "confidentialite" / "index.html").read_text(encoding="utf-8")
    assert shown in privacy and "Aucun cookie" in privacy
    for host in hosts:
        assert f"<li>{host}</li>" in privacy

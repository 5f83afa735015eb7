"""Nothing a page loads comes from another host unless ALLOWED_HOSTS says so,
and the privacy page names the hosts it lists (plugins/site_checks/hosts.py).
The refusals, built as `make build` does, are in test_hardening.py."""

import json

import pytest

from conftest import build_files
from site_checks.hosts import host_problems

SOURCE = "content/pages/x.md"


@pytest.mark.parametrize(("body", "allowed", "line", "words"), [
    ('<img src="https://photos.example/a.jpg" alt="A">', [], 1, "« photos.example »"),
    ('<img srcset="a.jpg 1x, https://photos.example/b.jpg 2x" alt="A">', [], 1, "« photos.example »"),
    ('Texte\n\n<object data="HTTP://Objets.Example/x.swf"></object>', [], 3, "« objets.example »"),
    ('<embed src="https://e.example/x">', [], 1, "« e.example »"),
    ('<audio src="https://a.example/x.mp3"></audio>', [], 1, "« a.example »"),
    ('<video poster="https://p.example/x.jpg"></video>', [], 1, "« p.example »"),
    ("<script>alert(1)</script>", ["x.example"], 1, "un script (<script>)"),
    ('<iframe\n  src="https://v.example/e/1"></iframe>', [], 1, "« v.example »"),
])
def test_what_loads_from_another_host_is_named_with_its_line(body, allowed, line, words):
    problems = host_problems(SOURCE, f"---\ntitle: X\n---\n{body}\n", allowed)
    assert len(problems) == 1
    assert problems[0].startswith(f"{SOURCE}, ligne {line + 3} : ") and words in problems[0]


@pytest.mark.parametrize("body", [
    '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>',
    "![Photo](https://WWW.YOUTUBE-NOCOOKIE.COM/x.jpg)",
    '<a href="https://ailleurs.example/">un lien</a> et [un autre](https://ailleurs.example/)',
    '<img src="{static}/images/a.jpg" alt="A"> ![B](images/b.jpg) <img src="data:image/png;base64,AAAA" alt="">',
    "~~~\n<iframe src='https://x.example'></iframe>\n~~~",
])
def test_allowed_hosts_links_and_code_load_nothing_refused(body):
    text = f"---\ntitle: X\nsummary: <script src=https://f.example/x.js>\n---\n\nTexte.\n\n{body}\n"
    assert host_problems(SOURCE, text, ["www.youtube-nocookie.com"]) == []


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

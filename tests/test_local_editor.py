"""The web editor's local mode (local_editor.py) inside the preview's server
(live_preview.py): only the preview's own origin, with this `make serve`'s
secret, reads and writes, and only in content/ (pictures: content/images/).
Every refusal is in French and leaves every file as it was.

The server runs in a thread on loopback (tests/preview_server.py); requests
are sent as a browser or an attacker would, headers included."""

import base64
import hashlib
import http.client
import json
import os
import socket

import pytest
from preview_server import running_preview

import live_preview
import local_editor

SECRET_FILE = "pelicanconf.py"
PICTURE = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def repository(tmp_path):
    """A checkout: content/, what is beside it (settings, .git), an outside
    file, a symbolic link in content/ to each, and a built site with /admin/."""
    root = tmp_path / "depot"
    (root / "content" / "ateliers").mkdir(parents=True)
    (root / "content" / "images").mkdir()
    (root / "content" / "ateliers" / "atelier.md").write_text("---\ntitle: Atelier\n---\n\nTexte.\n", encoding="utf-8")
    (root / "content" / "reglages.yml").write_text("organisation:\n  name: Asso\n", encoding="utf-8")
    (root / "content" / "images" / "photo.png").write_bytes(PICTURE)
    (root / SECRET_FILE).write_text("SECRET = 1\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (root / "plugins").mkdir()
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "x.md").write_text("dehors\n", encoding="utf-8")
    (outside / "x.png").write_bytes(PICTURE)
    (root / "content" / "lien").symlink_to(outside, target_is_directory=True)
    (root / "content" / "lien.md").symlink_to(root / SECRET_FILE)
    (root / "content" / "images" / "lien.png").symlink_to(outside / "x.png")
    admin = root / "output" / "admin"
    admin.mkdir(parents=True)
    (admin / "config.yml").write_text("locale: fr\nbackend:\n  name: github\nmedia_folder: content/images\n", encoding="utf-8")
    (admin / "index.html").write_text("<!doctype html><html><body><p>Decap</p></body></html>", encoding="utf-8")
    (root / "output" / "index.html").write_text("<!doctype html><html><body><p>Accueil</p></body></html>", encoding="utf-8")
    return root


@pytest.fixture
def server(repository):
    with running_preview(repository / "output", repository / "content") as running:
        yield running


def snapshot(folder):
    """Every file under `folder` (links not followed) and a hash of its bytes."""
    files = {}
    for path in sorted(folder.parent.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files[str(path.relative_to(folder.parent))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def send(server, method, path, body=None, host=None, origin="own", kind="application/json", extra=None):
    """One request to the preview, with exactly these headers; (status, text)."""
    host = host or f"localhost:{server.port}"
    headers = {"Host": host, **({"Content-Type": kind} if kind else {}), **(extra or {})}
    if origin == "own":
        headers["Origin"] = f"http://{host}"
    elif origin is not None:
        headers["Origin"] = origin
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def call(server, action, params=None, **options):
    return send(server, "POST", server.editor.api_path(), {"action": action, "params": {"branch": "main", **(params or {})}},
                **options)


def assert_refused_in_french(status, text, expected=None):
    assert status >= 400 and (expected is None or status == expected), (status, text)
    message = json.loads(text)["error"] if text.startswith("{") else text
    assert any(word in message for word in ("refusé", "incorrecte", "trop", "mal formée", "inconnue", "introuvable",
                                            "ne répond")), message
    return message


# -- What Decap needs, answered --------------------------------------------------------------------

def test_decap_reads_lists_and_writes_content(server, repository):
    assert call(server, "info") == (200, json.dumps({"repo": "depot", "publish_modes": ["simple"], "type": "local_fs"}))
    status, text = call(server, "entriesByFolder", {"folder": "content/ateliers", "extension": "md", "depth": 1})
    assert status == 200 and [item["file"]["path"] for item in json.loads(text)] == ["content/ateliers/atelier.md"]
    status, text = call(server, "entriesByFiles", {"files": [{"path": "content/reglages.yml", "label": "Réglages"}]})
    assert json.loads(text)[0]["data"] == "organisation:\n  name: Asso\n"
    status, text = call(server, "getEntry", {"path": "content/ateliers/atelier.md"})
    assert json.loads(text)["data"].startswith("---\ntitle: Atelier")

    written = {"path": "content/ateliers/nouveau.md", "slug": "nouveau", "raw": "---\ntitle: Nouveau\n---\n"}
    picture = {"path": "content/images/nouvelle.png", "content": base64.b64encode(PICTURE).decode(), "encoding": "base64"}
    status, _ = call(server, "persistEntry", {"dataFiles": [written], "assets": [picture], "options": {}})
    assert status == 200
    assert (repository / "content" / "ateliers" / "nouveau.md").read_text(encoding="utf-8") == written["raw"]
    assert (repository / "content" / "images" / "nouvelle.png").read_bytes() == PICTURE
    assert not [path for path in (repository / "content").rglob(".#*")]  # no temporary file left

    status, text = call(server, "getMedia", {"mediaFolder": "content/images"})
    assert sorted(item["name"] for item in json.loads(text)) == ["nouvelle.png", "photo.png"]  # not the link out
    status, text = call(server, "getMediaFile", {"path": "content/images/photo.png"})
    assert base64.b64decode(json.loads(text)["content"]) == PICTURE
    status, text = call(server, "persistMedia", {"asset": {**picture, "path": "content/images/autre.png"}})
    assert status == 200 and json.loads(text)["path"] == "content/images/autre.png"
    assert call(server, "deleteFiles", {"paths": ["content/images/autre.png", "content/ateliers/nouveau.md"]})[0] == 200
    assert not (repository / "content" / "images" / "autre.png").exists()
    assert not (repository / "content" / "ateliers" / "nouveau.md").exists()
    assert call(server, "getDeployPreview", {"collection": "ateliers", "slug": "atelier"}) == (200, "null")


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
def test_the_config_gives_this_origins_api_and_its_secret(server, host):
    status, text = send(server, "GET", "/admin/config.yml", host=f"{host}:{server.port}", origin=None, kind=None)
    assert status == 200
    config = json.loads(text)  # JSON is YAML: Decap reads it as the built file
    assert config["locale"] == "fr" and config["backend"] == {"name": "github"}
    assert config["local_backend"]["url"] == f"http://{host}:{server.port}/admin/api/{server.editor.secret}/v1"


def test_each_make_serve_has_its_own_secret(tmp_path):
    first, second = local_editor.Editor(tmp_path), local_editor.Editor(tmp_path)
    assert first.secret != second.secret and len(first.secret) >= 40


# -- Paths: only content/, pictures only in content/images/ ----------------------------------------

BAD_PATHS = {
    "git-config": ".git/config",
    "settings": "pelicanconf.py",
    "parent": "../x.md",
    "absolute": "/etc/passwd",
    "up-and-out": "content/../plugins/x.md",
    "up-to-settings": "content/../pelicanconf.py",
    "encoded-dots": "%2e%2e/pelicanconf.py",
    "encoded-in-content": "content/%2e%2e/x.md",
    "encoded-slash": "content/..%2fpelicanconf.py",
    "link-to-folder-outside": "content/lien/x.md",
    "link-to-settings": "content/lien.md",
    "nul": "content/ateliers/a\x00.md",
    "backslashes": "content\\..\\pelicanconf.py",
    "backslash-in-name": "content/ateliers/..\\..\\x.md",
    "hidden": "content/.git/config.md",
    "dot": "content/./ateliers/atelier.md",
    "empty-name": "content//ateliers/atelier.md",
    "too-long": "content/ateliers/" + "a" * 250 + ".md",
    "long-name": "content/" + "a" * 120 + ".md",
    "too-deep": "content/a/b/c/d/e/x.md",
    "not-text": "content/ateliers/x.py",
    "no-extension": "content/ateliers/x",
    "html": "content/ateliers/x.html",
    "content-itself": "content",
    "other-top": "contenu/ateliers/x.md",
    "home": "~/x.md",
}
BAD_MEDIA = {
    **{name: path.replace(".md", ".png") for name, path in BAD_PATHS.items()},
    "link-picture-outside": "content/images/lien.png",
    "outside-images": "content/ateliers/x.png",
    "svg": "content/images/x.svg",
    "executable": "content/images/x.exe",
    "html-picture": "content/images/x.html",
    "double": "content/images/x.png.py",
    "up-from-images": "content/images/../../pelicanconf.png",
}


def entry_calls(path):
    """Every call that names an entry's path."""
    written = {"path": path, "slug": "x", "raw": "piraté\n"}
    return [
        ("getEntry", {"path": path}),
        ("entriesByFiles", {"files": [{"path": path}]}),
        ("persistEntry", {"dataFiles": [written], "assets": [], "options": {}}),
        ("persistEntry", {"dataFiles": [{**written, "path": "content/ateliers/atelier.md", "newPath": path}],
                          "assets": [], "options": {}}),
        ("deleteFile", {"path": path}),
        ("deleteFiles", {"paths": ["content/ateliers/atelier.md", path]}),
        ("entriesByFolder", {"folder": path.rsplit("/", 1)[0] if "/" in path else path, "extension": "py", "depth": 1}),
    ]


def media_calls(path):
    asset = {"path": path, "content": base64.b64encode(PICTURE).decode(), "encoding": "base64"}
    return [
        ("getMediaFile", {"path": path}),
        ("persistMedia", {"asset": asset}),
        ("persistEntry", {"dataFiles": [{"path": "content/ateliers/atelier.md", "slug": "a", "raw": "changé\n"}],
                          "assets": [asset], "options": {}}),
        ("deleteFile", {"path": path}),
    ]


def assert_each_refused_and_nothing_written(server, repository, calls):
    """Each (action, params) of `calls` refused in French, the repository unchanged after each."""
    before = snapshot(repository)
    for action, params in calls:
        status, text = call(server, action, params)
        assert_refused_in_french(status, text)
        assert snapshot(repository) == before, action


@pytest.mark.parametrize("path", BAD_PATHS.values(), ids=BAD_PATHS.keys())
def test_an_entry_outside_content_is_refused_and_nothing_is_written(server, repository, path):
    assert_each_refused_and_nothing_written(server, repository, entry_calls(path))
    assert (repository / "content" / "lien.md").is_symlink()


@pytest.mark.parametrize("path", BAD_MEDIA.values(), ids=BAD_MEDIA.keys())
def test_a_picture_outside_content_images_is_refused_and_nothing_is_written(server, repository, path):
    assert_each_refused_and_nothing_written(server, repository, media_calls(path))


@pytest.mark.parametrize("folder", ["content/lien", "content/..", ".git", "content/images/../..", "/etc"])
def test_no_listing_outside_content(server, folder):
    status, text = call(server, "entriesByFolder", {"folder": folder, "extension": "md", "depth": 3})
    if status == 200:  # a link out is a folder with nothing Decap may see
        assert json.loads(text) == []
    else:
        assert_refused_in_french(status, text, 403)
    status, text = call(server, "getMedia", {"mediaFolder": folder})
    assert status == 403 or json.loads(text) == []


@pytest.mark.parametrize(
    ("action", "params", "expected"),
    [
        ("persistEntry", {"dataFiles": [{"path": "content/ateliers/gros.md", "slug": "g", "raw": "x" * 1_000_001}],
                          "assets": [], "options": {}}, 413),
        ("persistMedia", {"asset": {"path": "content/images/x.png", "content": "pas du base64 !", "encoding": "base64"}}, 400),
        ("persistMedia", {"asset": {"path": "content/images/x.png", "content": "AAAA", "encoding": "utf8"}}, 400),
        ("persistEntry", {"dataFiles": [{"path": f"content/ateliers/{n}.md", "slug": "n", "raw": "x"} for n in range(51)],
                          "assets": [], "options": {}}, 400),
        ("persistEntry", {"dataFiles": "content/ateliers/x.md", "assets": [], "options": {}}, 400),
        ("unpublishedEntries", {}, 422),
        ("runCommand", {"command": "id"}, 422),
    ],
    ids=["entry-too-large", "not-base64", "not-base64-encoding", "too-many-files", "not-a-list", "workflow", "unknown"],
)
def test_malformed_or_oversized_calls_are_refused_in_french(server, repository, action, params, expected):
    before = snapshot(repository)
    assert_refused_in_french(*call(server, action, params), expected)
    assert snapshot(repository) == before


def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(server, repository):
    """Content-Length alone is enough to refuse: the server does not wait for the body."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        host = f"localhost:{server.port}"
        connection.sendall((f"POST {server.editor.api_path()} HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n"
                            f"Content-Type: application/json\r\nContent-Length: {local_editor.MAX_BODY_BYTES + 1}\r\n\r\n"
                            "{").encode())
        answer = connection.recv(4096).decode("utf-8")
    assert answer.startswith("HTTP/1.1 413") and "Envoi trop gros" in answer


@pytest.mark.parametrize("body", ["{", "[]", '"info"', "[" * 100_000 + "]" * 100_000], ids=["cut", "list", "text", "deep"])
def test_a_body_that_is_not_a_call_is_refused(server, body):
    assert_refused_in_french(*send(server, "POST", server.editor.api_path(), body))


# -- The secret, the origin, the host ---------------------------------------------------------------

def wrong_secrets(secret):
    return {"none": "/admin/api/v1", "empty": "/admin/api//v1", "wrong": "/admin/api/AAAA/v1",
            "longer": f"/admin/api/{secret}x/v1", "shorter": f"/admin/api/{secret[:-1]}/v1",
            "other-version": f"/admin/api/{secret}/v2", "decap-server's": "/api/v1", "trailing": f"/admin/api/{secret}/v1/"}


@pytest.mark.parametrize("case", list(wrong_secrets("s")))
def test_a_call_without_the_secret_is_refused(server, repository, case):
    before = snapshot(repository)
    path = wrong_secrets(server.editor.secret)[case]
    body = {"action": "persistEntry", "params": {"branch": "main", "assets": [], "options": {},
                                                 "dataFiles": [{"path": "content/ateliers/atelier.md", "slug": "a", "raw": "x"}]}}
    status, text = send(server, "POST", path, body)
    assert status in (403, 404, 405), (status, text)
    if path.startswith("/admin/api/"):
        assert_refused_in_french(status, text, 403)
    assert snapshot(repository) == before


def bad_origins(port):
    return {
        "other-port": f"http://localhost:{port + 1}",
        "other-loopback-name": f"http://127.0.0.1:{port}",
        "https": f"https://localhost:{port}",
        "null": "null",
        "missing": None,
        "evil": "http://evil.example",
        "evil-with-port": f"http://evil.example:{port}",
        "suffix": f"http://localhost:{port}.evil.example",
        "trailing-slash": f"http://localhost:{port}/",
        "upper-case": f"http://LOCALHOST:{port}",
    }


@pytest.mark.parametrize("case", list(bad_origins(1)))
@pytest.mark.parametrize("action", ["info", "getEntry", "persistEntry"])
def test_a_call_from_another_origin_is_refused(server, repository, case, action):
    before = snapshot(repository)
    params = {"info": {}, "getEntry": {"path": "content/ateliers/atelier.md"},
              "persistEntry": {"dataFiles": [{"path": "content/ateliers/atelier.md", "slug": "a", "raw": "piraté\n"}],
                               "assets": [], "options": {}}}[action]
    status, text = call(server, action, params, origin=bad_origins(server.port)[case])
    message = assert_refused_in_french(status, text, 403)
    assert "Atelier" not in text and server.editor.secret not in message
    assert snapshot(repository) == before


@pytest.mark.parametrize(
    ("kind", "extra", "expected"),
    [("text/plain", {}, 415), ("application/x-www-form-urlencoded", {}, 415), ("multipart/form-data; boundary=x", {}, 415),
     (None, {}, 415), ("application/json", {"Sec-Fetch-Site": "same-site"}, 403),
     ("application/json", {"Sec-Fetch-Site": "cross-site"}, 403)],
    ids=["text", "form", "multipart", "no-type", "same-site", "cross-site"],
)
def test_what_a_form_or_a_simple_request_can_send_is_refused(server, repository, kind, extra, expected):
    """What another page can send without asking the browser first (a form, a
    `no-cors` fetch) is never JSON, or says it comes from another site."""
    before = snapshot(repository)
    body = json.dumps({"action": "persistEntry", "params": {
        "branch": "main", "assets": [], "options": {},
        "dataFiles": [{"path": "content/ateliers/atelier.md", "slug": "a", "raw": "piraté\n"}]}})
    assert_refused_in_french(*send(server, "POST", server.editor.api_path(), body, kind=kind, extra=extra), expected)
    assert snapshot(repository) == before


@pytest.mark.parametrize("method", ["GET", "OPTIONS", "PUT", "DELETE"])
def test_only_post_is_answered_and_no_cors_header_is_sent(server, method):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    host = f"localhost:{server.port}"
    connection.request(method, server.editor.api_path(), headers={
        "Host": host, "Origin": f"http://localhost:{server.port + 1}", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    response = connection.getresponse()
    assert response.status in (403, 405)
    assert not [name for name, _ in response.getheaders() if name.lower().startswith("access-control-")]
    connection.close()


def bad_hosts(port):
    return {"rebinding": f"evil.example:{port}", "rebinding-no-port": "evil.example", "wrong-port": f"localhost:{port + 1}",
            "no-port": "localhost", "loopback-wrong-port": f"127.0.0.1:{port + 1}", "suffix": f"localhost.evil.example:{port}",
            "upper-case": f"LOCALHOST:{port}", "user-info": f"a@localhost:{port}", "other-address": f"0.0.0.0:{port}"}


@pytest.mark.parametrize("case", list(bad_hosts(1)))
@pytest.mark.parametrize("path", ["/", "/admin/", "/admin/config.yml", "/livereload.js", "/admin/api"])
def test_a_request_for_another_host_is_refused_on_pages_and_api(server, repository, case, path):
    before = snapshot(repository)
    host = bad_hosts(server.port)[case]
    if path == "/admin/api":
        status, text = call(server, "persistEntry", {
            "dataFiles": [{"path": "content/ateliers/atelier.md", "slug": "a", "raw": "piraté\n"}], "assets": [],
            "options": {}}, host=host)
    else:
        status, text = send(server, "GET", path, host=host, origin=None, kind=None)
    if case == "user-info":  # not a host name at all: tornado's parser refuses it first, with no text
        assert (status, text) == (400, "")
    else:
        assert_refused_in_french(status, text, 403)
    assert "Accueil" not in text and "Decap" not in text and server.editor.secret not in text
    assert snapshot(repository) == before


def test_a_request_without_host_is_refused(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(b"GET /admin/config.yml HTTP/1.0\r\n\r\n")
        answer = connection.recv(4096).decode("utf-8")
    assert answer.startswith("HTTP/1.0 403") or answer.startswith("HTTP/1.1 403")
    assert server.editor.secret not in answer


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site"])
def test_the_config_is_not_given_to_another_site(server, fetch_site):
    status, text = send(server, "GET", "/admin/config.yml", origin=None, kind=None, extra={"Sec-Fetch-Site": fetch_site})
    assert_refused_in_french(status, text, 403)
    assert server.editor.secret not in text


# -- Never locked out; a port of its own ------------------------------------------------------------

def test_admin_opens_while_the_build_fails_and_is_not_reloaded(repository):
    with running_preview(repository / "output", repository / "content", report="pages/contact.md, ligne 2 : …") as server:
        status, text = send(server, "GET", "/", origin=None, kind=None)
        assert status == 500 and "La construction a échoué" in text
        status, text = send(server, "GET", "/admin/", origin=None, kind=None)
        assert status == 200 and "Decap" in text and "livereload" not in text
        assert send(server, "GET", "/admin/config.yml", origin=None, kind=None)[0] == 200
        assert call(server, "getEntry", {"path": "content/ateliers/atelier.md"})[0] == 200


def test_a_taken_port_gives_a_free_one_said_in_french(repository, capsys):
    with running_preview(repository / "output", repository / "content") as first:
        with running_preview(repository / "output", repository / "content", port=first.port) as second:
            assert second.port != first.port
            assert f"Le port {first.port} est déjà pris" in capsys.readouterr().out
            # Each /admin/ talks to its own server: the other's secret opens nothing.
            status, _ = send(second, "POST", first.editor.api_path(), {"action": "info"})
            assert status == 403


def test_the_preview_answers_only_on_loopback():
    sockets = live_preview.bind(0)
    try:
        assert {sock.getsockname()[0] for sock in sockets} <= {"127.0.0.1", "::1"}
    finally:
        for sock in sockets:
            sock.close()


def test_a_port_taken_by_another_program_gives_way_to_a_free_one():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        sockets = live_preview.bind(port)
        try:
            assert sockets[0].getsockname()[1] != port
        finally:
            for sock in sockets:
                sock.close()


@pytest.mark.parametrize("port", ["abc", "70000", "-1", ""])
def test_a_wrong_port_is_said_in_french(port):
    with pytest.raises(SystemExit) as stop:
        live_preview.bind(port)
    assert str(stop.value.code).startswith(f"Port « {port} » invalide")


def test_writes_replace_the_file_in_one_step(tmp_path):
    """A reader (the preview's build) sees the old file or the new one, never half."""
    target = tmp_path / "content" / "ateliers" / "a.md"
    target.parent.mkdir(parents=True)
    target.write_text("ancien\n", encoding="utf-8")
    inode = os.stat(target).st_ino
    local_editor.write_atomically(target, b"nouveau\n")
    assert target.read_bytes() == b"nouveau\n" and os.stat(target).st_ino != inode
    assert [path.name for path in target.parent.iterdir()] == ["a.md"]


# -- In Chromium: an attacker's page on another local port, and a rebinding name -----------------------

ATTACKER_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Piège</title></head><body>
<iframe name="cible"></iframe>
<form id="formulaire" method="post" enctype="text/plain" action="{api}" target="cible"><input id="champ"></form>
<script>
const body = JSON.stringify({{action: "persistEntry", params: {{branch: "m", assets: [], options: {{}},
  dataFiles: [{{slug: "a", path: "content/ateliers/atelier.md", raw: "piraté"}}]}}}});
const read = JSON.stringify({{action: "getEntry", params: {{branch: "m", path: "content/ateliers/atelier.md"}}}});
async function attempt(name, run) {{
  try {{ window.results[name] = await run(); }} catch (error) {{ window.results[name] = "bloqué : " + error.name; }}
}}
window.results = {{}};
(async () => {{
  await attempt("fetch-json", async () => (await fetch("{api}", {{method: "POST", body,
    headers: {{"Content-Type": "application/json"}}}})).text());
  await attempt("fetch-read", async () => (await fetch("{api}", {{method: "POST", body: read,
    headers: {{"Content-Type": "application/json"}}}})).text());
  await attempt("fetch-no-cors", async () => (await fetch("{api}", {{method: "POST", body, mode: "no-cors",
    headers: {{"Content-Type": "text/plain"}}}})).type);
  await attempt("config", async () => (await fetch("{origin}/admin/config.yml")).text());
  await attempt("xhr", () => new Promise((resolve, reject) => {{
    const request = new XMLHttpRequest();
    request.open("POST", "{api}");
    request.setRequestHeader("Content-Type", "application/json");
    request.onload = () => resolve(request.responseText);
    request.onerror = () => reject(new TypeError("xhr"));
    request.send(body);
  }}));
  const field = document.getElementById("champ");  // text/plain sends « name=value »: JSON once joined
  field.name = body.slice(0, -1) + ',"x":"';
  field.value = '"}}';
  await attempt("form", () => new Promise(resolve => {{
    document.querySelector("iframe").onload = () => resolve("envoyé");
    document.getElementById("formulaire").submit();
  }}));
  window.done = true;
}})();
</script></body></html>
"""


@pytest.fixture
def chromium(browser):
    context = browser.new_context()
    yield context
    context.close()


def test_a_page_of_another_local_port_can_neither_read_nor_write(server, repository, chromium, tmp_path):
    """Even with the secret in hand, another origin gets nothing and writes nothing."""
    from site_checks.lighthouse import served

    folder = tmp_path / "attaquant"
    folder.mkdir()
    api = server.origin + server.editor.api_path()
    (folder / "index.html").write_text(ATTACKER_PAGE.format(api=api, origin=server.origin), encoding="utf-8")
    before = snapshot(repository)
    with served(folder) as attacker:
        page = chromium.new_page()
        page.goto(attacker + "/")
        page.wait_for_function("window.done === true", timeout=20_000)
        results = page.evaluate("window.results")
    assert snapshot(repository) == before
    assert (repository / "content" / "ateliers" / "atelier.md").read_text(encoding="utf-8").startswith("---\ntitle: Atelier")
    for name in ("fetch-json", "fetch-read", "config", "xhr"):
        assert results[name].startswith("bloqué"), (name, results[name])
    assert results["fetch-no-cors"] == "opaque" and results["form"] == "envoyé"  # sent, and refused by the server
    assert server.editor.secret not in json.dumps(results)


def test_a_rebinding_name_gets_neither_the_config_nor_the_api(server, repository, browser):
    """evil.example made to point at 127.0.0.1, as DNS rebinding does: the
    browser then sees the preview as evil.example's own origin."""
    from site_checks.tools import CHROMIUM_ARGS, chromium_path

    rebinding = browser.browser_type.launch(executable_path=chromium_path(),
                                            args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"])
    before = snapshot(repository)
    try:
        page = rebinding.new_page()
        evil = f"http://evil.example:{server.port}"
        response = page.goto(evil + "/admin/")
        assert response.status == 403 and "Adresse refusée" in page.inner_text("body")
        results = page.evaluate("""async ([config, api]) => {
            const config_answer = await fetch(config);
            const api_answer = await fetch(api, {method: "POST", headers: {"Content-Type": "application/json"},
              body: JSON.stringify({action: "persistEntry", params: {branch: "m", assets: [], options: {},
                dataFiles: [{slug: "a", path: "content/ateliers/atelier.md", raw: "piraté"}]}})});
            return [config_answer.status, await config_answer.text(), api_answer.status, await api_answer.text()];
        }""", [evil + "/admin/config.yml", evil + server.editor.api_path()])
    finally:
        rebinding.close()
    assert results[0] == 403 and server.editor.secret not in results[1]
    assert results[2] == 403 and "Adresse refusée" in results[3]
    assert snapshot(repository) == before

"""The web editor's local mode: while `make serve` runs, /admin/ reads and
writes the files of `content/` through the preview's own server.

It speaks the part of Decap CMS's local-backend protocol (decap-server's
`fs` mode) that Decap calls, in Python, under the preview's origin:
`/admin/api/<secret>/v1`. The secret is made for each `make serve` and
only given in /admin/config.yml, which the preview serves to its own origin
(live_preview checks the `Host` of every request). Each call must name its
own origin (`Origin`), send JSON, stay under the size limits and name
files of `content/` (pictures: `content/images/`) through an allow-list of
names; a refused call writes nothing and says why in French.

A module of its own beside live_preview.py, not in plugins/web_editor/:
it is a part of the preview's server, not of Pelican's build.
"""

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from pathlib import Path

import tornado.web
import yaml

# Where Decap's configuration says the files are (plugins/web_editor/config.py).
PREFIX = "content"
MEDIA_FOLDER = "images"
# What Decap may read and write: its text entries, and pictures the build publishes.
ENTRY_SUFFIXES = {".md", ".yml"}
MEDIA_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
# One name in a path: letters (accents too), digits, « - », « _ », « . », « ~ »;
# never a dot first (.git, ..), a slash, a backslash, a « % » or a NUL.
NAME = re.compile(r"[^\W_][\w.~-]*", re.UNICODE)
MAX_PATH = 200  # characters, « content/ » included
MAX_DEPTH = 4  # names after « content/ »
MAX_NAME = 100
MAX_ENTRY_BYTES = 1_000_000
MAX_MEDIA_BYTES = 40_000_000  # the pictures plugin's PICTURES_MAX_BYTES
MAX_BODY_BYTES = MAX_MEDIA_BYTES * 4 // 3 + 1_000_000  # a picture in base64, and the rest
MAX_FILES = 2000  # listed in one answer
MAX_ITEMS = 50  # files named in one call
ACTIONS = ("info", "entriesByFolder", "entriesByFiles", "getEntry", "persistEntry", "getMedia", "getMediaFile",
           "persistMedia", "deleteFile", "deleteFiles", "getDeployPreview")
# The way back for every refusal caused by a stale or foreign page.
RELOAD = "rechargez /admin/ depuis l’adresse que « make serve » affiche"


class Refused(Exception):
    """A call the editor's server will not do: its HTTP status and French message."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class Editor:
    """The local mode of one `make serve`: the content folder and the secret."""

    def __init__(self, content, secret=None):
        self.content = Path(content).resolve()
        self.secret = secret or secrets.token_urlsafe(32)
        self.saved = []  # the entries the last save wrote, as Decap names them (content/…)

    def api_path(self):
        return f"/admin/api/{self.secret}/v1"


def own_origin(request, hosts):
    """The preview's origin as this request reaches it, or None when its
    `Host` is not the preview's (live_preview refuses those first)."""
    return f"http://{request.host}" if request.host in hosts else None


# -- Paths ---------------------------------------------------------------------------------------

def resolve(editor, path, media=False, folder=False):
    """The file of `content/` that Decap's `path` names (« content/ateliers/x.md »),
    checked name by name against the allow-list, then on its resolved path
    (a symbolic link cannot lead out); pictures only in content/images/."""
    if not isinstance(path, str) or not path:
        raise Refused(400, "Chemin manquant dans la demande de l’éditeur.")
    shown = path[:80]
    if len(path) > MAX_PATH:
        raise Refused(403, f"Chemin refusé (plus de {MAX_PATH} caractères) : « {shown}… ».")
    parts = path.split("/")
    if parts[0] != PREFIX:
        raise Refused(403, f"Chemin refusé : « {shown} » n’est pas dans le dossier content/.")
    names = parts[1:]
    if len(names) > MAX_DEPTH:
        raise Refused(403, f"Chemin refusé : « {shown} » a plus de {MAX_DEPTH} dossiers sous content/.")
    for name in names:
        if len(name) > MAX_NAME or not NAME.fullmatch(name):
            raise Refused(403, f"Chemin refusé : « {shown} » (un nom n’a droit qu’aux lettres, chiffres, « - », "
                               "« _ », « . », ne commence pas par un point, et ne contient ni « / », ni « \\ », ni « % »).")
    if media and (not names or names[0] != MEDIA_FOLDER):
        raise Refused(403, f"Chemin refusé : les images vont dans content/{MEDIA_FOLDER}/, pas « {shown} ».")
    if not folder:
        suffixes = MEDIA_SUFFIXES if media else ENTRY_SUFFIXES
        if not names or Path(names[-1]).suffix.lower() not in suffixes:
            kinds = ", ".join(sorted(suffixes))
            raise Refused(403, f"Fichier refusé : « {shown} » (extensions acceptées : {kinds}).")
    target = editor.content.joinpath(*names).resolve()
    if not target.is_relative_to(editor.content / MEDIA_FOLDER if media else editor.content):
        raise Refused(403, f"Chemin refusé : « {shown} » mène hors de content/ (lien symbolique ?).")
    return target


def decap_path(editor, target):
    """A file of content/ as Decap names it."""
    return "/".join((PREFIX, *target.relative_to(editor.content).parts))


def listed(editor, folder, suffix, depth, media=False):
    """The files of `folder` ending with `suffix`, `depth` levels down,
    without hidden files or links that lead out of content/."""
    found = []

    def walk(directory, level):
        if level > depth:
            return
        for child in sorted(directory.iterdir()):
            if not NAME.fullmatch(child.name):
                continue
            if child.is_dir():
                walk(child, level + 1)
                continue
            if not child.name.lower().endswith(suffix) or len(found) >= MAX_FILES:
                continue
            try:
                resolve(editor, decap_path(editor, child), media=media)
            except Refused:
                continue
            found.append(child)

    if folder.is_dir():
        walk(folder, 1)
    return found


# -- Reading and writing -------------------------------------------------------------------------

def read_bounded(target, limit):
    if target.stat().st_size > limit:
        raise Refused(413, f"Fichier trop gros pour l’éditeur : « {target.name} » (plus de {limit // 1_000_000} Mo).")
    return target.read_bytes()


def entry(editor, path, label=None):
    """An entry as decap-server answers it: its text and an id (sha256), or none when missing."""
    target = resolve(editor, path)
    file = {"path": path, **({"label": label} if isinstance(label, str) else {})}
    if not target.is_file():
        return {"data": None, "file": {**file, "id": None}}
    content = read_bounded(target, MAX_ENTRY_BYTES)
    return {"data": content.decode("utf-8", errors="replace"), "file": {**file, "id": hashlib.sha256(content).hexdigest()}}


def media_file(editor, target):
    content = read_bounded(target, MAX_MEDIA_BYTES)
    return {"id": hashlib.sha256(content).hexdigest(), "content": base64.b64encode(content).decode("ascii"),
            "encoding": "base64", "path": decap_path(editor, target), "name": target.name}


def write_atomically(target, content):
    """Write beside the file, then rename: a reader (the preview's build)
    never sees half a file. The temporary name starts with « .# », which
    Pelican and the preview's watcher leave aside."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".#{target.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def text_of(value, what):
    if not isinstance(value, str):
        raise Refused(400, f"Demande de l’éditeur mal formée : « {what} » manque.")
    return value


def items_of(value, what):
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise Refused(400, f"Demande de l’éditeur mal formée : « {what} » doit être une liste de {MAX_ITEMS} éléments au plus.")
    return value


def decoded_media(asset):
    """A picture sent by Decap: (path, bytes), checked before anything is written."""
    if not isinstance(asset, dict) or asset.get("encoding") != "base64":
        raise Refused(400, "Demande de l’éditeur mal formée : une image doit être envoyée en base64.")
    content = text_of(asset.get("content"), "content")
    if len(content) > MAX_MEDIA_BYTES * 4 // 3 + 4:
        raise Refused(413, f"Image trop grosse : plus de {MAX_MEDIA_BYTES // 1_000_000} Mo.")
    try:
        data = base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise Refused(400, "Demande de l’éditeur mal formée : l’image n’est pas en base64.") from None
    return text_of(asset.get("path"), "path"), data


def persist_entry(editor, params):
    """Write the entry's files and pictures, all checked first: one refused
    path and nothing is written."""
    data_files = params.get("dataFiles")
    if data_files is None and isinstance(params.get("entry"), dict):
        data_files = [params["entry"]]
    writes, moves = [], []
    for data_file in items_of(data_files, "dataFiles"):
        if not isinstance(data_file, dict):
            raise Refused(400, "Demande de l’éditeur mal formée : « dataFiles ».")
        raw = text_of(data_file.get("raw"), "raw").encode("utf-8")
        if len(raw) > MAX_ENTRY_BYTES:
            raise Refused(413, f"Texte trop long pour l’éditeur : plus de {MAX_ENTRY_BYTES // 1_000_000} Mo.")
        target = resolve(editor, text_of(data_file.get("path"), "path"))
        writes.append((target, raw))
        if data_file.get("newPath") is not None:
            moves.append((target, resolve(editor, text_of(data_file["newPath"], "newPath"))))
    for asset in items_of(params.get("assets", []), "assets"):
        path, content = decoded_media(asset)
        writes.append((resolve(editor, path, media=True), content))
    for target, content in writes:
        write_atomically(target, content)
    for source, destination in moves:
        if source != destination:
            write_atomically(destination, source.read_bytes())
            source.unlink()
    moved = dict(moves)
    editor.saved = [decap_path(editor, moved.get(target, target)) for target, _content in writes[:len(data_files)]]
    return {"message": "entry persisted"}


def answer(editor, action, params):
    """What decap-server's `fs` mode answers to `action`."""
    if action == "info":
        return {"repo": editor.content.parent.name, "publish_modes": ["simple"], "type": "local_fs"}
    if action == "getDeployPreview":
        return None
    if not isinstance(params, dict):
        raise Refused(400, "Demande de l’éditeur mal formée : « params » manque.")
    if action == "entriesByFolder":
        folder = resolve(editor, text_of(params.get("folder"), "folder"), folder=True)
        suffix = "." + text_of(params.get("extension"), "extension").lstrip(".").lower()
        if suffix not in ENTRY_SUFFIXES:
            raise Refused(403, f"Extension refusée : « {suffix[:20]} ».")
        depth = params.get("depth")
        depth = depth if isinstance(depth, int) and 0 < depth <= MAX_DEPTH else 1
        return [entry(editor, decap_path(editor, path)) for path in listed(editor, folder, suffix, depth)]
    if action == "entriesByFiles":
        files = items_of(params.get("files"), "files")
        if not all(isinstance(file, dict) for file in files):
            raise Refused(400, "Demande de l’éditeur mal formée : « files ».")
        return [entry(editor, text_of(file.get("path"), "path"), file.get("label")) for file in files]
    if action == "getEntry":
        return entry(editor, text_of(params.get("path"), "path"))
    if action == "persistEntry":
        return persist_entry(editor, params)
    if action == "getMedia":
        folder = resolve(editor, text_of(params.get("mediaFolder"), "mediaFolder"), media=True, folder=True)
        return [media_file(editor, path) for path in listed(editor, folder, "", 1, media=True)
                if path.suffix.lower() in MEDIA_SUFFIXES]
    if action == "getMediaFile":
        target = resolve(editor, text_of(params.get("path"), "path"), media=True)
        if not target.is_file():
            raise Refused(404, f"Image introuvable : « {params['path'][:80]} ».")
        return media_file(editor, target)
    if action == "persistMedia":
        path, content = decoded_media(params.get("asset"))
        target = resolve(editor, path, media=True)
        write_atomically(target, content)
        return media_file(editor, target)
    if action in ("deleteFile", "deleteFiles"):
        paths = [params.get("path")] if action == "deleteFile" else items_of(params.get("paths"), "paths")
        targets = [resolve_either(editor, text_of(path, "path")) for path in paths]
        for target in targets:
            target.unlink(missing_ok=True)
        return {"message": "deleted"}
    raise Refused(422, f"Action inconnue de l’éditeur local : « {str(action)[:40]} ».")


def resolve_either(editor, path):
    """A file Decap may delete: an entry, or a picture of content/images/."""
    try:
        return resolve(editor, path)
    except Refused:
        return resolve(editor, path, media=True)


# -- HTTP --------------------------------------------------------------------------------------

def refuse(handler, status, message):
    handler.set_status(status)
    handler.set_header("Content-Type", "application/json; charset=utf-8")
    handler.set_header("Cache-Control", "no-store")
    handler.finish(json.dumps({"error": message}, ensure_ascii=False))


def cross_site(request):
    """A request another site made the browser send (a form, a picture, a
    script): browsers say so in Sec-Fetch-Site."""
    return request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none")


@tornado.web.stream_request_body
class EditorAPI(tornado.web.RequestHandler):
    """`/admin/api/<secret>/v1`: Decap's calls, each checked in full before
    anything is read or written. No CORS header: other origins get nothing."""

    def initialize(self, editor, hosts):
        self.editor, self.hosts = editor, hosts
        self.body, self.size = [], 0

    def prepare(self):
        request = self.request
        origin = own_origin(request, self.hosts)
        if origin is None:
            return refuse(self, 403, f"Adresse refusée ({request.host[:60]}) : {RELOAD}.")
        if request.method != "POST":
            return refuse(self, 405, "L’éditeur local ne répond qu’aux envois (POST) de /admin/.")
        if request.headers.get("Origin") != origin or cross_site(request):
            return refuse(self, 403, f"Demande refusée : elle ne vient pas de /admin/ de cet aperçu ({origin}/admin/).")
        if not hmac.compare_digest(self.path_kwargs.get("path", "").encode(), f"{self.editor.secret}/v1".encode()):
            return refuse(self, 403, f"Clé de l’éditeur incorrecte (« make serve » a été relancé ?) : {RELOAD}.")
        kind = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            return refuse(self, 415, "Demande refusée : l’éditeur envoie du JSON (Content-Type: application/json).")
        length = request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return refuse(self, 413, f"Envoi trop gros : {MAX_BODY_BYTES // 1_000_000} Mo au plus.")
        request.connection.set_max_body_size(MAX_BODY_BYTES + 1)

    def data_received(self, chunk):
        self.size += len(chunk)
        if self.size <= MAX_BODY_BYTES:
            self.body.append(chunk)

    def post(self, path):
        if self.size > MAX_BODY_BYTES:
            return refuse(self, 413, f"Envoi trop gros : {MAX_BODY_BYTES // 1_000_000} Mo au plus.")
        try:
            call = json.loads(b"".join(self.body))
        except (ValueError, RecursionError):
            return refuse(self, 400, "Demande de l’éditeur mal formée : ce n’est pas du JSON.")
        if not isinstance(call, dict) or call.get("action") not in ACTIONS:
            action = call.get("action") if isinstance(call, dict) else None
            return refuse(self, 422, f"Action inconnue de l’éditeur local : « {str(action)[:40]} ».")
        try:
            result = answer(self.editor, call["action"], call.get("params"))
        except Refused as refusal:
            return refuse(self, refusal.status, str(refusal))
        except OSError as error:
            return refuse(self, 500, f"Le fichier n’a pas pu être lu ou écrit : {error.strerror or error}.")
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Cross-Origin-Resource-Policy", "same-origin")
        self.finish(json.dumps(result, ensure_ascii=False))

    def get(self, path):  # answered by prepare(): only POST is served
        pass

    put = delete = patch = options = head = get


class EditorConfig(tornado.web.RequestHandler):
    """/admin/config.yml as built, with the local mode added: this preview's
    API, its secret. Served to the preview's own origin only."""

    def initialize(self, editor, hosts, root):
        self.editor, self.hosts, self.root = editor, hosts, Path(root)

    def get(self):
        origin = own_origin(self.request, self.hosts)
        if origin is None or cross_site(self.request):
            return refuse(self, 403, f"Configuration de l’éditeur refusée à cette page : {RELOAD}.")
        built = self.root / "admin" / "config.yml"
        if not built.is_file():
            return refuse(self, 404, "L’éditeur n’est pas encore construit : attendez la fin de la première construction.")
        config = yaml.load(built.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        config["local_backend"] = {"url": origin + self.editor.api_path(), "allowed_hosts": ["[::1]"]}
        self.set_header("Content-Type", "text/yaml; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Cross-Origin-Resource-Policy", "same-origin")
        self.set_header("X-Content-Type-Options", "nosniff")
        # JSON is YAML: Decap reads it as it reads the built file.
        self.finish(json.dumps(config, ensure_ascii=False, indent=1, default=str))


def routes(editor, hosts, root):
    """The editor's handlers, for live_preview's application."""
    return [
        (r"/admin/config\.yml", EditorConfig, {"editor": editor, "hosts": hosts, "root": root}),
        (r"/admin/api/(?P<path>.*)", EditorAPI, {"editor": editor, "hosts": hosts}),
    ]

"""The content files' one layout, the one the web editor (Decap CMS) writes:
a file saved through Decap's own serializer, run by Node (decap_layout.js).
`invoke new-offer` writes its file in it, `invoke layout` puts content/ in
it, and `make check` warns of a file written otherwise, so that saving one
field in /admin/ changes one line."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from core.names import editor_name
from core.problems import Problem
from web_editor.config import cms_config

SCRIPT = Path(__file__).with_name("decap_layout.js")


class LayoutError(Exception):
    """Node or Decap's packages are missing, or a file cannot be read."""


def entry_of(path, content, collections):
    """The collection of `collections` (cms_config's, as config.yml writes
    them) that saves `path`, a file of the folder `content`, and for a files
    collection the entry's name."""
    where = f"content/{Path(path).relative_to(content).as_posix()}"
    for collection in collections:
        if "folder" in collection and where.rpartition("/")[0] == collection["folder"]:
            return {"collection": collection}
        for entry in collection.get("files", []):
            if entry["file"] == where:
                return {"collection": collection, "file": entry["name"]}
    raise LookupError(f"{where}: no collection of the web editor saves this file")


def save_as_decap(paths, content, edits=None):
    """Save each file of `paths` (in the folder `content`) in place as Decap
    does; `edits` (path -> [(keys, value)]) changes values first, as the
    form's fields do. The configuration is made once for all the files
    (half a second each time, from the schemas)."""
    collections = cms_config()["collections"]
    files = [{"path": str(Path(path).resolve()), **entry_of(path, content, collections),
              "edits": [[list(keys), value] for keys, value in (edits or {}).get(path, [])]} for path in paths]
    try:
        saved = subprocess.run(["node", str(SCRIPT)], input=json.dumps(files, default=str), text=True,
                               cwd=SCRIPT.parent, capture_output=True)
    except OSError as error:
        raise LayoutError(f"node: {error}") from None
    if saved.returncode != 0:
        raise LayoutError(saved.stderr.strip())


def editor_files(content):
    """Every file of `content` the web editor opens."""
    return sorted([*Path(content).glob("*/*.md"), *Path(content).glob("*.yml")])


def not_in_layout(content):
    """The files of `content` that the web editor's first save would rewrite
    beyond the field changed: each saved again in a copy, and compared."""
    content = Path(content)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / content.name
        shutil.copytree(content, copy, ignore=shutil.ignore_patterns(".*"))
        copies = editor_files(copy)
        save_as_decap(copies, copy)
        return [content / path.relative_to(copy) for path in copies
                if path.read_bytes() != (content / path.relative_to(copy)).read_bytes()]


def layout_problems(content):
    """`make check`'s warnings: a file written by hand in another layout is
    valid, but its first save in /admin/ would show the reviewer many changed
    lines; `make layout` puts it in the editor's layout at once."""
    return [Problem("ce fichier n’est pas écrit comme l’éditeur en ligne l’écrit : sa première sauvegarde dans "
                    "/admin/ réécrira tout son en-tête, et la relecture verra bien plus de lignes que le champ changé",
                    file=editor_name(path, content), severity="warning",
                    fix="lancez « make layout », qui le réécrit dans cette mise en page sans changer son sens "
                        "(guide : « La mise en page des fichiers »)")
            for path in not_in_layout(content)]

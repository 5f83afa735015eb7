"""Content files saved as the web editor (Decap CMS) saves them, through
Decap's own serializer run by Node (tests/decap_frontmatter.js): the tests of
the files' layout and of the editor's round trip use it."""

import json
import subprocess
from pathlib import Path

from web_editor.config import cms_config

SCRIPT = Path(__file__).with_name("decap_frontmatter.js")


def entry_of(path, content):
    """The collection (as config.yml writes it) that saves `path`, a file
    of the folder `content`, and for a files collection the entry's name."""
    where = f"content/{Path(path).relative_to(content).as_posix()}"
    for collection in cms_config()["collections"]:
        if "folder" in collection and where.rpartition("/")[0] == collection["folder"]:
            return {"collection": collection}
        for entry in collection.get("files", []):
            if entry["file"] == where:
                return {"collection": collection, "file": entry["name"]}
    raise LookupError(f"{where}: no collection of the web editor saves this file")


def save_as_decap(paths, content, edits=None):
    """Save each file of `paths` in place as Decap does; `edits` (path ->
    [(keys, value)]) changes values first, as the form's fields do."""
    files = [{"path": str(Path(path).resolve()), **entry_of(path, content),
              "edits": [[list(keys), value] for keys, value in (edits or {}).get(path, [])]} for path in paths]
    saved = subprocess.run(["node", str(SCRIPT)], input=json.dumps(files), text=True, cwd=SCRIPT.parent,
                           capture_output=True)
    if saved.returncode != 0:
        raise RuntimeError(f"{SCRIPT.name} failed:\n{saved.stderr}")


def editor_files(content):
    """Every file of `content` the web editor opens."""
    return sorted([*Path(content).glob("*/*.md"), *Path(content).glob("*.yml")])

"""Files of content/ that no reader takes are named, not skipped in silence.

Pelican reads a file only if its extension is a reader's, exactly (`.MD`
is not `.md`), and only in the folders of PAGE_PATHS and ARTICLE_PATHS; it
skips the rest without a word. An editor who saved `atelier.MD`, or
`atelier.md.txt` from a web form, would wait for a page that never comes.
Pictures (plugins/pictures) and the organisation's settings file
(core/organisation.py) are read by our plugins, not Pelican's readers:
DOCUMENTS_OTHER_FILES lists them.
"""

import fnmatch
from pathlib import Path, PurePosixPath


def unread_files(content_path, extensions, settings):
    """Paths (relative to content/) of the files nobody will read."""
    root = Path(content_path)
    folders = _places([*settings["PAGE_PATHS"], *settings["ARTICLE_PATHS"]])
    others = _places([*settings["DOCUMENTS_OTHER_FILES"], *settings["STATIC_PATHS"]])
    unread = []
    for path in sorted(root.rglob("*")):
        relative = PurePosixPath(path.relative_to(root).as_posix())
        if path.is_dir() or _ignored(relative, settings["IGNORE_FILES"]) or _under(relative, others):
            continue
        if relative.suffix[1:] in extensions and _under(relative, folders):
            continue
        unread.append(relative)
    return unread


def _places(places):
    """Folders and files of content/ as _under() compares them: « pages », never « ./pages/ »."""
    return [str(PurePosixPath(place)) for place in places]


def _under(relative, places):
    """`relative` is one of `places` or inside one (compared as text: every file, every build)."""
    text = str(relative)
    return any(place in (".", text) or text.startswith(place + "/") for place in places)


def _ignored(relative, patterns):
    """Pelican's IGNORE_FILES (hidden files by default, `**/.*`), on each part
    of the path and on the path from content/."""
    names = [*relative.parts, f"/{relative}"]
    return any(fnmatch.fnmatch(name, pattern) for name in names for pattern in patterns)


def advice(relative, extensions, settings):
    """What to do with an unread file, in French."""
    suffixes = [suffix[1:] for suffix in relative.suffixes]
    lowered = relative.suffix[1:].lower()
    if lowered in extensions and lowered != relative.suffix[1:]:
        return f"l’extension « {relative.suffix} » s’écrit en minuscules : renommez-le « {relative.stem}.{lowered} »"
    readable = [suffix for suffix in suffixes[:-1] if suffix.lower() in extensions]
    if readable:
        name = relative.name[: relative.name.lower().rindex("." + readable[-1].lower())] + "." + readable[-1].lower()
        return f"son nom finit par « {relative.suffix} » : renommez-le « {name} »"
    if relative.suffix[1:] in extensions:
        folders = ", ".join(f"content/{folder}/" for folder in [*settings["PAGE_PATHS"], *settings["ARTICLE_PATHS"]])
        return f"il n’est dans aucun dossier lu ; déplacez-le dans l’un de ceux-ci : {folders}"
    return ("ce type de fichier n’est pas lu ; une page s’écrit dans un fichier « .md », "
            "une image se range dans content/images/, un document PDF dans content/documents/")

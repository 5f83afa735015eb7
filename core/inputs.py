"""Fingerprints of what a build makes its pages from, so that a cache can
tell that a page or a programme would come out the same without making it
again: the settings, the files of the theme, the plugins and core, the
files of content/ that are not documents (pictures, réglages), each
document's front matter and address, and the day.

A fingerprint only has to change whenever its page could: a value it cannot
read as data (a function, an object) counts by its type, since code changes
show in the files' fingerprint.
"""

import datetime
import json
import os
from pathlib import Path

from .caches import digest as sha256
from .caches import key as digest
from .document import source_text

__all__ = ["digest", "documents", "document_digest", "files_digest", "settings_digest", "site_digest", "source_digest"]

# The core package's own folder: its code makes pages too.
CORE = Path(__file__).resolve().parent


def plain(value):
    """`value` as JSON can write it: a pydantic model as its data, a set in
    order, anything else by its repr, or its type when the repr would hold
    an address (which changes with each process)."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    text = repr(value)
    return type(value).__qualname__ if " at 0x" in text else text


# Settings that say where a build writes, not what: a preview builds into a
# new folder each time.
WHERE = {"OUTPUT_PATH", "PAGE_CACHE_PATH"}


def settings_digest(settings):
    """Every setting but those of WHERE, as data."""
    chosen = {name: settings[name] for name in sorted(settings) if name not in WHERE}
    return digest(json.dumps(chosen, default=plain, ensure_ascii=False))


def files_digest(folders, skip=frozenset()):
    """The name, size and time of change of each file under `folders`,
    but those of `skip` (absolute paths): stat only, no file is read."""
    entries = []
    for folder in folders:
        for directory, _folders, names in os.walk(folder):
            for name in names:
                path = os.path.join(directory, name)
                if path in skip:
                    continue
                try:
                    stat = os.stat(path)
                except OSError:  # gone since it was listed
                    continue
                entries.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return digest(*sorted(entries))


def source_digest(document):
    """The text of a document's file, as its reader kept it (a file is read
    once per build: tests/test_read_once.py)."""
    return sha256(source_text(document.source_path, document.metadata).encode("utf-8", "surrogatepass"))


def document_digest(document, body=False):
    """What another page may show of `document`: its file's name, front
    matter, state and dates (an offer's `updated` may come from git); its
    address and template follow from those and the settings. With `body`,
    its whole file too (a document without a summary is summed up from its text)."""
    facts = {
        "source": document.source_path, "metadata": document.metadata, "status": document.status,
        **{name: getattr(document, name, None) for name in ("date", "modified", "updated")},
    }
    text = json.dumps(facts, default=plain, ensure_ascii=False)
    return digest(text, source_digest(document) if body else "")


def documents(generators):
    """Every document of the build (published, hidden, draft, translation):
    the Content objects of the generators' contexts."""
    from pelican.contents import Content

    found = {}
    for generator in generators:
        for value in getattr(generator, "context", {}).values():
            if isinstance(value, list):
                found.update((id(item), item) for item in value if isinstance(item, Content))
    return list(found.values())


def site_digest(generators, settings):
    """What every page of the site may depend on, but a document's own text:
    the settings, the theme's, plugins' and core's files, content/'s other
    files, every document as `document_digest` sees it, and today's date."""
    found = documents(generators)
    sources = {os.path.abspath(document.source_path) for document in found}
    folders = [settings["THEME"], *settings.get("PLUGIN_PATHS", []), str(CORE), settings["PATH"]]
    return digest(
        settings_digest(settings), files_digest([os.path.abspath(folder) for folder in folders], sources),
        datetime.date.today().isoformat(),
        *sorted(document_digest(document, body=not document.metadata.get("summary")) for document in found),
    )

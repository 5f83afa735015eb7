"""Read the site's Markdown files on every core, before Pelican asks for
them one at a time.

Pelican reads content files one after the other, and converting Markdown
is most of that time. The first time the reader is asked for a file, every
Markdown file of the content folder that is not in Pelican's content cache
is read by forked workers (plugins/parallel). Pelican then gets each file's
result when it asks for it, in its own order: a file's mistake is raised
then, and what the worker logged is logged again then, as if the file had
been read in turn. A small site is read in turn: starting processes would
cost more than it saves.
"""

import fnmatch
import os
from pathlib import Path

from parallel import map_forked, processes, relay, worth_forking

# Per build: Pelican's Readers (their caches), and the outcomes waiting
# for Pelican, by absolute path.
_state = {"readers": [], "outcomes": None}


def forget(*_args):
    """A new build (Pelican's `initialized`): nothing read yet."""
    _state.update(readers=[], outcomes=None)


def remember_readers(readers):
    """Pelican's Readers of each generator: their cache says which files need no reading."""
    _state["readers"].append(readers)


def take(reader, path):
    """The (content, front matter) of `path`, read ahead; None when it was
    not read ahead, and the caller reads it itself."""
    if _state["outcomes"] is None:
        _state["outcomes"] = _read_ahead(reader)
    outcome = _state["outcomes"].pop(path, None)
    if outcome is None:
        return None
    relay(outcome.records)
    if outcome.error is not None:
        raise outcome.error
    return outcome.value


def _to_read(reader):
    """Every Markdown file of the content folder that Pelican's cache lacks."""
    settings = reader.settings
    ignored = settings.get("IGNORE_FILES", [])
    paths = []
    for extension in reader.file_extensions:
        for path in Path(settings["PATH"]).rglob(f"*.{extension}"):
            name = os.path.abspath(path)
            if any(fnmatch.fnmatch(path.name, pattern) for pattern in ignored):
                continue
            if all(readers.get_cached_data(name, None) is None for readers in _state["readers"]):
                paths.append(name)
    return sorted(paths)


def _read_ahead(reader):
    paths = _to_read(reader)
    workers = processes(reader.settings)
    if not worth_forking(paths, workers):
        return {}
    return dict(zip(paths, map_forked(reader.parse, paths, workers)))

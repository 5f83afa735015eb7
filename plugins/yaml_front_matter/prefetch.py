"""Read the site's Markdown files on every core, before Pelican asks for
them one at a time.

Pelican reads content files one after the other, and converting Markdown
is most of that time. The first time the reader is asked for a file, every
Markdown file of the content folder that is not in Pelican's content cache
is read by a pool of forked processes: they share the settings and the
Markdown extensions, and only texts travel back. Pelican then gets each
file's result when it asks for it, in its own order: a file's mistake is
raised then, and what the workers logged is logged again then, as if the
file had been read in turn.

READING_PROCESSES sets the number of processes (all cores by default; 1
reads in turn). A small site is read in turn: starting processes would
cost more than it saves.
"""

import fnmatch
import logging
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Below this many files, reading in turn is faster than starting processes.
MINIMUM_FILES = 64

# Per build: the reader that reads, Pelican's Readers (their caches), and
# the results waiting for Pelican, by absolute path.
_state = {"reader": None, "readers": [], "results": None}


def forget(*_args):
    """A new build (Pelican's `initialized`): nothing read yet."""
    _state.update(reader=None, readers=[], results=None)


def remember_readers(readers):
    """Pelican's Readers of each generator: their cache says which files need no reading."""
    _state["readers"].append(readers)


def take(reader, path):
    """The (content, front matter) of `path`, read ahead; None when it was
    not read ahead, and the caller reads it itself."""
    if _state["results"] is None:
        _state["results"] = _read_ahead(reader)
    found = _state["results"].pop(path, None)
    if found is None:
        return None
    outcome, value, records = found
    if outcome == "again":
        return None
    for record in records:
        logging.getLogger(record.name).handle(record)
    if outcome == "error":
        raise value
    return value


def _processes(settings):
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # Windows: workers could not share the reader
    return max(1, int(settings.get("READING_PROCESSES") or os.cpu_count() or 1))


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
    processes = _processes(reader.settings)
    if processes == 1 or len(paths) < MINIMUM_FILES:
        return {}
    _state["reader"] = reader  # inherited by the forked workers
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(paths) // (processes * 8))
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_start_worker) as pool:
        return dict(zip(paths, pool.map(_read_in_worker, paths, chunksize=chunk)))


class _Recorder(logging.Handler):
    """In a worker: keep what is logged, to be logged again by the build."""

    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(_portable(record))


def _portable(record):
    """The record, able to travel back to the build's process."""
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    try:
        pickle.dumps(record.args)
    except Exception:  # noqa: BLE001 (any argument that cannot travel is written out)
        record.msg, record.args = record.getMessage(), None
    return record


def _start_worker():
    """Nothing a worker logs is shown: it is sent back with its result."""
    recorder = _Recorder()
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            logger.handlers = []
    logging.getLogger().addHandler(recorder)
    _state["recorder"] = recorder


def _read_in_worker(path):
    recorder = _state["recorder"]
    recorder.records = []
    try:
        outcome, value = "read", _state["reader"].parse(path)
    except Exception as error:  # noqa: BLE001 (raised again when Pelican reads the file)
        outcome, value = "error", error
    try:
        pickle.dumps(value)
    except Exception:  # noqa: BLE001 (the build reads this file itself)
        outcome, value = "again", None
    return outcome, value, recorder.records

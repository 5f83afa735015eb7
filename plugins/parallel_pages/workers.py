"""What the writer and the read-ahead share: how many processes, a pool of
forked workers, and the warnings a worker logs, to be logged again, once,
by the build's process (where strict_build counts them)."""

import logging
import multiprocessing
import pickle
from contextlib import contextmanager

from core.plugins import workers

__all__ = ["KeptRecords", "fork_pool", "kept_records", "log_again", "processes", "slices"]


def processes(settings, files):
    """How many workers for `files` files: 1 means in turn, in the build's
    process (below PARALLEL_PAGES_MIN files: its default is in __init__.py)."""
    if files < int(settings["PARALLEL_PAGES_MIN"]):
        return 1
    return workers(settings)


def slices(count, workers):
    """(start, stop) of short runs of files, in order: a worker that ends
    early takes the next one, and the build's process takes a run while
    the next ones are being done."""
    size = max(1, count // (workers * 8))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


class KeptRecords(logging.Handler):
    """A worker's warnings and errors, kept to be logged by the build's
    process (strict_build counts them there), and only there."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        if record.exc_info:
            record.exc_text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        try:
            pickle.dumps(record.args)
        except Exception:  # arguments that cannot travel go as text
            record.msg, record.args = record.getMessage(), None
        self.records.append(record)


def fork_pool(workers):
    """Workers forked from the build's process: they inherit its pages and
    readers as they are, nothing is pickled to them."""
    return multiprocessing.get_context("fork").Pool(workers)


@contextmanager
def kept_records():
    """In a worker: what is logged goes to a KeptRecords, not to the console."""
    root, handler = logging.getLogger(), KeptRecords()
    handlers, root.handlers = root.handlers, [handler]
    try:
        yield handler
    finally:
        root.handlers = handlers


def log_again(records):
    """In the build's process: a worker's records, as if logged here."""
    for record in records:
        logging.getLogger(record.name).handle(record)

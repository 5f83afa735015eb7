"""Work on every core: a function mapped over items by forked processes.

Pelican does everything in one process; reading Markdown and rendering
pages are most of a build and are independent from one file to the next.
Forked workers share everything the build has already set up (settings,
templates, contents), so only results travel back. What a worker logs is
sent back with each result and logged again by the build, in the items'
order, so that strict_build sees every warning as if nothing were forked.

PROCESSES sets the number of workers (all cores by default; 1 works in
turn, as does a system without fork).
"""

import gc
import logging
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor

__all__ = ["MINIMUM_ITEMS", "Outcome", "map_all", "map_forked", "processes", "register", "relay", "worth_forking"]

# Below this many items, working in turn is faster than starting processes.
MINIMUM_ITEMS = 64
# What each worker runs, set before the workers are forked.
_work = {"function": None, "recorder": None}


class Outcome:
    """One item's result (`value`), or the exception it raised (`error`),
    with the log records of its work."""

    __slots__ = ("error", "records", "value")

    def __init__(self, value=None, error=None, records=()):
        self.value, self.error, self.records = value, error, list(records)


def processes(settings):
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, int(settings.get("PROCESSES") or os.cpu_count() or 1))


def worth_forking(items, workers):
    return workers > 1 and len(items) >= MINIMUM_ITEMS


def map_all(function, items, workers):
    """[function(item), …] in order: in forked workers when there are
    enough items, else in turn. What the workers logged is logged again;
    the first error is raised, as it would have been in turn."""
    items = list(items)
    if not worth_forking(items, workers):
        return [function(item) for item in items]
    values = []
    for outcome in map_forked(function, items, workers):
        relay(outcome.records)
        if outcome.error is not None:
            raise outcome.error
        values.append(outcome.value)
    return values


def map_forked(function, items, workers):
    """[Outcome, …] of `function` over `items`, in order, in `workers`
    forked processes. An error that cannot travel back is said as text."""
    _work["function"] = function  # inherited by the workers, never pickled
    context = multiprocessing.get_context("fork")
    items = list(items)
    chunk = max(1, len(items) // (workers * 8))
    # The build's objects are left out of the workers' garbage collections:
    # walking them would copy every memory page the workers share with it.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
            return list(pool.map(_run, items, chunksize=chunk))
    finally:
        gc.unfreeze()


def relay(records):
    """Log again, in the build's process, what a worker logged."""
    for record in records:
        logging.getLogger(record.name).handle(record)


class _Recorder(logging.Handler):
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
    """Nothing a worker logs is shown by the worker itself: it goes back."""
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            logger.handlers = []
    _work["recorder"] = _Recorder()
    logging.getLogger().addHandler(_work["recorder"])


def _run(item):
    recorder = _work["recorder"]
    recorder.records = []
    try:
        outcome = Outcome(value=_work["function"](item))
    except Exception as error:  # noqa: BLE001 (raised again by the build's process)
        outcome = Outcome(error=error)
    outcome.records = recorder.records
    try:
        pickle.dumps(outcome)
    except Exception as error:  # noqa: BLE001
        outcome = Outcome(error=RuntimeError(f"{type(outcome.error or error).__name__}: {outcome.error or error}"),
                          records=recorder.records)
    return outcome


def register():
    """Nothing to connect: the plugins that fork call map_forked."""

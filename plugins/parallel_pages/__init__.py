"""Pages rendered on every core, written and announced by Pelican's own writer.

Rendering the templates is most of a build. The generators ask the writer
for one page at a time, so the writer given by `get_writer` keeps their
calls; when the generator added here takes its turn (after the articles and
pages, Pelican's own order), forked workers render the kept pages, and the
build's process then replays every call, in order, through Pelican's
`Writer.write_file` with each page's HTML ready. Pelican therefore writes
every file, refuses or allows a second write to one (override_output), and
sends `content_written` for each page in the build's process, with the
context it always sends, so any other plugin hears of every page.

A call a worker could not render (an error, a paginated page after the
first) is rendered by the replay itself, so an error is raised and reported
as it would be without this plugin. Warnings logged while a worker renders
are logged again in the build's process, where strict_build counts them.
A small site (PARALLEL_PAGES_MIN pages) or PROCESSES = 1 is written in turn.
"""

import logging
import multiprocessing
import os
import pickle

from pelican import signals
from pelican.writers import Writer

__all__ = ["ParallelWriter", "register"]

logger = logging.getLogger(__name__)

# Below this many pages, forking costs more than it saves.
DEFAULT_MIN_PAGES = 40

# The writer and its kept calls, inherited by the forked workers (never pickled).
_state = {"writer": None, "calls": []}


class Rendered(Exception):
    """Raised by RecordingTemplate once a page is rendered: the worker needs
    its HTML, not Pelican's write of it."""

    def __init__(self, output_file, html):
        super().__init__(output_file)
        self.output_file, self.html = output_file, html


class RecordingTemplate:
    """In a worker: renders the page, then stops the write with its HTML."""

    def __init__(self, template):
        self.template = template

    def render(self, context):
        raise Rendered(context["output_file"], self.template.render(context))


class ReadyTemplate:
    """In the build's process: the HTML a worker rendered for this file, or
    the template's own rendering when no worker did."""

    def __init__(self, template, ready):
        self.template, self.ready = template, ready

    def render(self, context):
        html = self.ready.pop(context["output_file"], None)
        return self.template.render(context) if html is None else html


class ParallelWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.kept = []

    def write_file(self, name, template, context, *args, **kwargs):
        if self.kept is None or not name:
            return super().write_file(name, template, context, *args, **kwargs)
        # The dictionary, and what it holds now: a generator may change it afterwards.
        self.kept.append((name, template, (context, dict(context)), args, kwargs))
        return None

    def write_kept(self):
        """Write the kept calls in turn, rendered on every core; from now on,
        each call is written as it comes."""
        calls, self.kept = self.kept or [], None
        latest = {id(shared): (shared, dict(shared)) for _name, _template, (shared, _then), _args, _kwargs in calls}
        try:
            for (name, template, (shared, then), args, kwargs), ready in self.rendered(calls):
                as_then(shared, then)
                template = ReadyTemplate(template, ready) if ready else template
                super().write_file(name, template, shared, *args, **kwargs)
        finally:
            for shared, state in latest.values():
                as_then(shared, state)

    def rendered(self, calls):
        """Each call with its pages' HTML ({output file: html}), rendered by
        forked workers; nothing ready for a small site or a single core."""
        workers = processes(self.settings)
        if workers < 2 or len(calls) < int(self.settings.get("PARALLEL_PAGES_MIN", DEFAULT_MIN_PAGES)):
            yield from ((call, None) for call in calls)
            return
        _state.update(writer=self, calls=calls)  # inherited by the workers forked now
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for start, results in pool.imap(render_slice, slices(len(calls), workers)):
                    for offset, (ready, records) in enumerate(results):
                        for record in records:
                            logging.getLogger(record.name).handle(record)
                        yield calls[start + offset], ready
        finally:
            _state.update(writer=None, calls=[])


def as_then(shared, state):
    """The generators' dictionary as it was (Pelican updates it as it writes
    a page, and the pages' own links read it: localsiteurl)."""
    shared.clear()
    shared.update(state)


def processes(settings):
    return max(1, int(settings.get("PROCESSES") or len(os.sched_getaffinity(0))))


def slices(count, workers):
    """(start, stop) of short runs of calls, in order: a worker that ends
    early takes the next one, and the build's process writes a run while
    the next ones are rendered."""
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


def render_slice(bounds):
    """In a worker: for each call of the slice, its HTML by output file and
    the records logged while rendering it."""
    start, stop = bounds
    root, handler = logging.getLogger(), KeptRecords()
    # This worker prints nothing: the build's process logs what it kept.
    handlers, root.handlers = root.handlers, [handler]
    try:
        return start, [render_one(call, handler) for call in _state["calls"][start:stop]]
    finally:
        root.handlers = handlers


def render_one(call, handler):
    """Pelican's write_file makes the page's context and renders it; the
    recording template keeps the HTML and stops the call before any write.
    A call that fails is left to the replay, which reports it as Pelican would."""
    name, template, (shared, then), args, kwargs = call
    handler.records = []
    as_then(shared, then)  # this worker's copy of it
    try:
        Writer.write_file(_state["writer"], name, RecordingTemplate(template), shared, *args, **kwargs)
    except Rendered as rendered:
        return {rendered.output_file: rendered.html}, handler.records
    except Exception:  # the replay renders it again, and reports it as Pelican would
        return {}, []
    return {}, []


class WriteKept:
    """A generator whose turn comes after Pelican's own (articles, pages,
    template pages), before the static files: it writes what the writer kept."""

    def __init__(self, context, settings, *args, **kwargs):
        self.settings = settings

    def generate_output(self, writer):
        if isinstance(writer, ParallelWriter):
            writer.write_kept()


def parallel_writer(pelican):
    return ParallelWriter


def add_generator(pelican):
    return WriteKept


def register():
    signals.get_writer.connect(parallel_writer)
    signals.get_generators.connect(add_generator)

"""The writer: the generators' calls kept, rendered by forked workers, then
replayed in order through Pelican's own Writer.write_file (see __init__)."""

from pelican.writers import Writer

from .workers import fork_pool, kept_records, log_again, processes, slices

__all__ = ["ParallelWriter", "WriteKept", "write_when_finalized"]

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

    def write_kept(self, last=False):
        """Write the kept calls in turn, rendered on every core; after the
        `last` time, each call is written as it comes."""
        calls, self.kept = self.kept or [], None if last or self.kept is None else []
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
        workers = processes(self.settings, len(calls))
        if workers < 2:
            yield from ((call, None) for call in calls)
            return
        _state.update(writer=self, calls=calls)  # inherited by the workers forked now
        try:
            with fork_pool(workers) as pool:
                for start, results in pool.imap(render_slice, slices(len(calls), workers)):
                    for offset, (ready, records) in enumerate(results):
                        log_again(records)
                        yield calls[start + offset], ready
        finally:
            _state.update(writer=None, calls=[])


def as_then(shared, state):
    """The generators' dictionary as it was (Pelican updates it as it writes
    a page, and the pages' own links read it: localsiteurl)."""
    shared.clear()
    shared.update(state)


def render_slice(bounds):
    """In a worker: for each call of the slice, its HTML by output file and
    the records logged while rendering it."""
    start, stop = bounds
    with kept_records() as handler:
        return start, [render_one(call, handler) for call in _state["calls"][start:stop]]


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


def write_when_finalized(generator, writer):
    """Pelican's articles and pages are written, in one go, by the time it
    says the pages' writer is finalized (page_writer_finalized)."""
    if isinstance(writer, ParallelWriter):
        writer.write_kept()


class WriteKept:
    """A generator whose turn comes after Pelican's own, before the static
    files: it writes what the writer kept since (template pages, other
    plugins' generators before it), and from then on the writer writes in turn."""

    def __init__(self, context, settings, *args, **kwargs):
        self.settings = settings

    def generate_output(self, writer):
        if isinstance(writer, ParallelWriter):
            writer.write_kept(last=True)



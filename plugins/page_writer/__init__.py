"""Pelican's writer, rendering the pages on every core, each HTML page
passed through the filters other plugins add (french_typography) between
rendering and writing: a page is written once, never read back.

The generators ask for one page at a time; this writer keeps their calls
and renders them all in forked workers (plugins/parallel) when the
generator added here takes its turn, after the articles and pages. A
second call for the same file keeps its place: what was asked before it is
written, then Pelican allows or refuses it (override_output) in turn. A
small site is written in turn. The preview keeps the filtered pages from
one build to the next (filter_cache.py).
"""

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from parallel import map_all, processes

from . import filter_cache

__all__ = ["HTML_FILTERS", "PageWriter", "register"]

# name -> function(html) -> html, applied in turn to every HTML page.
HTML_FILTERS = {}


class FilteredTemplate:
    """A Jinja template whose HTML pages go through HTML_FILTERS."""

    def __init__(self, template):
        self.template = template

    def render(self, context):
        html = self.template.render(context)
        if HTML_FILTERS and str(context.get("output_file", "")).endswith(".html"):
            html = filter_cache.filtered(html, HTML_FILTERS)
        return html


class PageWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._pending, self._asked, self._in_turn = [], set(), False
        filter_cache.load(self.settings.get("PAGE_WRITER_CACHE"), HTML_FILTERS)

    def write_file(self, name, template, context, *args, **kwargs):
        template = FilteredTemplate(template)
        if self._in_turn or not name or name in self._asked:
            # A second write to a file is Pelican's to allow or refuse
            # (override_output), in order: what was asked before is written before.
            self._write_kept()
            return super().write_file(name, template, context, *args, **kwargs)
        self._asked.add(name)
        # The context as it is now: a generator may change it afterwards.
        self._pending.append((name, template, dict(context), args, kwargs))
        return None

    def write_pending(self):
        """Render and write every page asked for so far; from now on, in turn."""
        self._write_kept()
        self._in_turn = True
        filter_cache.save()

    def _write_kept(self):
        pending, self._pending = self._pending, []
        # Workers get an index: the pages themselves are inherited, not sent.
        for used in map_all(lambda index: self._write(pending[index]), range(len(pending)), processes(self.settings)):
            filter_cache.keep(used)
        # Pelican's own record of the files written (in a worker, it kept
        # its copy), for the calls still to come.
        for name, _template, _context, args, kwargs in pending:
            path = sanitised_join(self.output_path, name)
            self._written_files.add(path)
            if kwargs.get("override_output") or (len(args) > 3 and args[3]):
                self._overridden_files.add(path)

    def _write(self, job):
        """Write one page; return what it took from, or gave to, the filter cache."""
        name, template, context, args, kwargs = job
        Writer.write_file(self, name, template, context, *args, **kwargs)
        return filter_cache.take_used()


class WritePages:
    """A generator that writes what PageWriter kept: Pelican gives it its
    turn after the articles and pages, before the static files."""

    def __init__(self, context, settings, **_):
        self.context, self.settings = context, settings

    def generate_output(self, writer):
        if isinstance(writer, PageWriter):
            writer.write_pending()


def page_writer(pelican):
    return PageWriter


def add_generator(pelican):
    return WritePages


def register():
    signals.get_writer.connect(page_writer)
    signals.get_generators.connect(add_generator)

"""Files read and pages rendered on every core, through Pelican's public
hooks only; Pelican's own writer writes and announces every page.

Reading (reading.py): while the articles' and the pages' generators take
their files one at a time, forked workers read the next ones with each
generator's own readers.

Writing (writer.py): rendering the templates is the other half of a
build. The generators ask the writer for one page at a time, so the writer
given by `get_writer` keeps their calls; when Pelican says the pages'
writer is finalized (the articles' comes before), and when the generator
added here takes its turn (for the pages of later generators), forked
workers render the kept pages, and the build's process then replays every
call, in order, through Pelican's `Writer.write_file` with each page's HTML
ready.
Pelican therefore writes every file, refuses or allows a second write to
one (override_output), and sends `content_written` for each page in the
build's process, with the context it always sends, so any other plugin
hears of every page. One difference remains: a receiver of
`article_writer_finalized`, or of `page_writer_finalized` called before
this plugin's, finds the pages not yet on disk.

A call a worker could not render (an error, a paginated page after the
first) is rendered by the replay itself, so an error is raised and reported
as it would be without this plugin. Warnings logged while a worker renders
are logged again in the build's process, where strict_build counts them.
A small site (fewer than PARALLEL_PAGES_MIN files), or PROCESSES = 1, is
read and written in turn. Workers are forked (workers.py): they inherit the
build's pages and readers, and send back only HTML, metadata and log records.

Pelican's signals: `initialized` (settings' defaults), `article_generator_init` and `page_generator_init` (reading
started ahead), `all_generators_finalized` (workers stopped), `get_writer`
(the parallel writer), `page_writer_finalized` and `get_generators` (what
was kept is written).
"""

from pelican import signals

from core.plugins import apply_defaults

from .reading import read_articles_ahead, read_pages_ahead, stop_reading
from .writer import ParallelWriter, WriteKept, write_when_finalized

__all__ = ["DEFAULTS", "ParallelWriter", "register"]

DEFAULTS = {
    # Below this many files, reading and rendering are done in turn: forking
    # processes would cost more than it saves.
    "PARALLEL_PAGES_MIN": 40,
}


def set_defaults(pelican):
    apply_defaults(pelican.settings, DEFAULTS)


def parallel_writer(pelican):
    return ParallelWriter


def add_generator(pelican):
    return WriteKept


def register():
    signals.initialized.connect(set_defaults)
    signals.article_generator_init.connect(read_articles_ahead)
    signals.page_generator_init.connect(read_pages_ahead)
    signals.all_generators_finalized.connect(stop_reading)
    signals.page_writer_finalized.connect(write_when_finalized)
    signals.get_writer.connect(parallel_writer)
    signals.get_generators.connect(add_generator)

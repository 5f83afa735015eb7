"""Read ahead: while Pelican's generators take their files one at a time,
forked workers read the next ones (front matter, Markdown, pictures) with
the very readers Pelican made for each generator.

At `article_generator_init` and `page_generator_init`, the generator's own
`get_files` names the files it will read, and each reader of its public
`readers.readers` is replaced by one of a subclass whose read() returns the
worker's result for the file, and logs again what the worker logged. One
pool reads the articles' files, then the pages', from the first read on:
the pages are read while Pelican is still taking the articles. A file no
worker read (an error, a file not named) is read by the reader itself, so
an error is raised and reported as it would be without this plugin.
Off for PROCESSES = 1, a small site, and with Pelican's content cache (the
preview reads only what changed).
"""

import os

from .workers import fork_pool, kept_records, log_again, processes, slices

__all__ = ["read_articles_ahead", "read_pages_ahead", "stop_reading"]

# This build's reading, inherited by its forked workers (never pickled).
_state = {"ahead": None}


class ReadAhead:
    """Files, in the order the generators will ask for them, each with the
    reader its generator would use, read by a pool of workers."""

    def __init__(self, settings):
        self.settings, self.paths, self.reader_of = settings, [], {}
        self.bounds, self.results, self.pool, self.ready, self.started = [], None, None, {}, False

    def add(self, paths, readers):
        self.paths += [path for path in paths if path not in self.reader_of]
        self.reader_of.update((path, readers[suffix(path)]) for path in paths)

    def read(self, path, reader):
        if not self.started:
            self.start()
        while path not in self.ready and self.bounds:
            start, stop = self.bounds.pop(0)
            try:
                _start, outcomes = next(self.results)  # in the order of self.bounds
            except Exception:  # a slice that could not come back: its files are read here
                continue
            self.ready.update(zip(self.paths[start:stop], outcomes, strict=True))
            if not self.bounds:
                self.close()
        outcome = self.ready.pop(path, None)
        if outcome is None or outcome[0] is None:
            return reader.read(path)
        read, records = outcome
        log_again(records)
        return read

    def start(self):
        self.started = True
        workers = processes(self.settings, len(self.paths))
        if workers < 2:
            return
        self.bounds = slices(len(self.paths), workers)
        self.pool = fork_pool(workers)
        self.results = self.pool.imap(read_slice, list(self.bounds))

    def close(self):
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
        self.pool, self.bounds = None, []


def read_slice(bounds):
    """In a worker: (content, metadata) and the records logged, for each file
    of the slice; (None, []) for a file to be read by the build's process."""
    start, stop = bounds
    ahead = _state["ahead"]
    outcomes = []
    with kept_records() as handler:
        for path in ahead.paths[start:stop]:
            handler.records = []
            try:
                outcomes.append((ahead.reader_of[path].read(path), handler.records))
            except Exception:  # read again by the build's process, which reports it as Pelican would
                outcomes.append((None, []))
    return start, outcomes


def suffix(path):
    return os.path.splitext(path)[1][1:]


def ahead_reader(reader, ahead):
    """A reader like `reader` (its class's name: Pelican names the page's
    `reader` metadata after it) whose read() takes what a worker read."""

    class AheadReader(type(reader)):
        def read(self, source_path):
            return ahead.read(source_path, reader)

    AheadReader.__name__ = AheadReader.__qualname__ = type(reader).__name__
    return AheadReader(reader.settings)


def read_ahead(generator, paths_setting, excludes_setting):
    """The generator's files added to the build's reading, and its readers
    replaced by readers that take what was read ahead."""
    settings = generator.settings
    if settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"):
        return
    readers = dict(generator.readers.readers)
    files = generator.get_files(settings[paths_setting], exclude=settings[excludes_setting])
    # In the order Pelican will take them (its own set, iterated alike).
    paths = [path for name in files if suffix(path := os.path.abspath(os.path.join(generator.path, name))) in readers]
    if _state["ahead"] is None:
        _state["ahead"] = ReadAhead(settings)
    _state["ahead"].add(paths, readers)
    for extension, reader in readers.items():
        generator.readers.readers[extension] = ahead_reader(reader, _state["ahead"])


def read_articles_ahead(generator):
    read_ahead(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def read_pages_ahead(generator):
    read_ahead(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def stop_reading(*_args):
    """Once the generators have read: the workers of a reading not taken to
    its end (a file Pelican did not read) are stopped."""
    if _state["ahead"] is not None:
        _state["ahead"].close()

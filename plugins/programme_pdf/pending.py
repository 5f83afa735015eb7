"""Programmes laid out beside the build: WeasyPrint takes about half a
second per programme, which a page needs only for the size its link shows.
Sent to worker processes (fork) as soon as the build knows them, they are
laid out while Pelican writes the articles; a page waits for its own only
when its template asks for `page.programme.kilobytes`. With one core, each
is laid out in the build's own process, when it is first asked for.

The workers are those of multiprocessing.Pool, which are daemons: a build
that stops before its programmes are collected (a mistake found in a page)
ends at once, its workers with it. A ProcessPoolExecutor's workers are not
daemons: in a build forked by core/runner.py, whose end joins every child,
they kept that build's process waiting for ever.
"""

import math
import multiprocessing

from core.caches import place


class Layouts:
    """The programmes to lay out, {key: job}; `done(key, data, problems)`
    is called once for each, in the build's process."""

    def __init__(self, jobs, workers, done):
        self.jobs, self.done, self.results = dict(jobs), done, {}
        self.pool, self.futures = None, {}
        if jobs and workers > 1:
            from .render import render_job

            self.pool = multiprocessing.get_context("fork").Pool(min(len(jobs), workers))
            self.futures = {key: self.pool.apply_async(render_job, (job,)) for key, job in self.jobs.items()}

    def wait(self, key):
        """The programme `key` laid out and handed to `done` (once); nothing
        to do for one taken from the cache."""
        if key not in self.jobs or key in self.results:
            return
        if key in self.futures:
            data, problems = self.futures[key].get()
        else:
            from .render import render_job

            data, problems = render_job(self.jobs[key])
        self.results[key] = problems
        self.done(key, data, problems)

    def close(self):
        for key in self.jobs:
            self.wait(key)
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


class Programme:
    """`page.programme` for the templates: `url` (and `save_as`) at once;
    `bytes` and `kilobytes` once its PDF is laid out and in the site, or
    None when it could not be (its problems are reported, the build stops).
    False in `{% if page.programme %}` then."""

    def __init__(self, save_as, kept, target, ready):
        self.url = self.save_as = save_as
        self.kept, self.target, self.ready = kept, target, ready
        self.size = None
        self.placed = False

    @property
    def bytes(self):
        if not self.placed:
            self.ready()
            self.placed = True
            if self.kept.is_file():
                place(self.kept, self.target)
                self.size = self.kept.stat().st_size
        return self.size

    @property
    def kilobytes(self):
        return None if self.bytes is None else math.ceil(self.bytes / 1024)

    def __bool__(self):
        return self.bytes is not None

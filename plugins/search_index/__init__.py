"""The search index: Pagefind (PyPI `pagefind-bin`, its binary inside the
wheel) over the written site, in French, into pagefind/ inside the site
itself, so the search page needs nothing from another host.

Only what a page marks with data-pagefind-body (its <main>) is indexed,
less what it marks data-pagefind-ignore (teasers, side column, the
comparison's cells). Pagefind takes « d’écriture » for one word: it reads a
copy of the pages (elisions.py) where each elision stands apart, « d’
écriture », so that « écriture » finds it; the site's pages are unchanged.
Pagefind holds every page in memory (about 180 KB each): a site of more
than SEARCH_INDEX_BATCH pages is indexed in batches, one after the other,
into pagefind/, pagefind-2/… which the search page merges (listed in
pagefind/bundles.json). It runs on Pelican's `finalized`, once every page is
written; a failure stops the build in French (core/build.py's `fail`). The
preview sets SEARCH_INDEX = False and indexes the finished site itself, in
the background (tasks.py).

Pelican's signals: `initialized` (settings' defaults), `finalized` (the site indexed).
"""

import json
import math
import os
import re
import subprocess
import tempfile
import threading
from pathlib import Path

from pagefind_bin import get_executable
from pelican import signals

from core.build import fail
from core.plugins import apply_defaults

from .elisions import copy_for_indexing

# Pages per Pagefind run, unless SEARCH_INDEX_BATCH says otherwise.
BATCH = 1500
DEFAULTS = {
    # False: the build writes no index (the preview indexes the finished site itself: tasks.py).
    "SEARCH_INDEX": True,
    "SEARCH_INDEX_BATCH": BATCH,
}
# A page's path that a glob would not read as written.
_GLOB_SPECIAL = re.compile(r"[{}\[\]*?,!\\]")


def bundle_name(number):
    return "pagefind" if number == 0 else f"pagefind-{number + 1}"


def batches(folder, size):
    """The site's pages in batches of `size` at most, as even as can be; one
    batch, the whole site, when a path could not be written in a glob."""
    folder = Path(folder)
    pages = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html")
                   if not path.relative_to(folder).parts[0].startswith("pagefind"))
    if len(pages) <= size or any(_GLOB_SPECIAL.search(page) for page in pages):
        return [None]  # None: every page, without a glob
    count = math.ceil(len(pages) / size)
    length = math.ceil(len(pages) / count)
    return [pages[start:start + length] for start in range(0, len(pages), length)]


def index_command(folder, number=0, pages=None, source=None):
    """Pagefind reading the pages of `source` (the site itself by default)
    and writing its bundle into the site `folder`."""
    command = [str(get_executable()), "--site", str(source or folder), "--force-language", "fr", "--silent",
               "--output-path", str(Path(folder) / bundle_name(number))]
    return command + (["--glob", "{" + ",".join(pages) + "}"] if pages else [])


class Indexing(threading.Thread):
    """Pagefind over a written site, batch after batch, in a thread of its
    own; `problems` says what failed, once it has ended."""

    def __init__(self, folder, size, idle=False):
        super().__init__(daemon=True)
        self.folder, self.plan, self.idle = Path(folder), batches(folder, size), idle
        self.problems, self.process, self.stopped = [], None, False

    def run(self):
        with tempfile.TemporaryDirectory(prefix="index-", ignore_cleanup_errors=True) as source:
            copy_for_indexing(self.folder, source, lambda: self.stopped)
            self._index(source)

    def _index(self, source):
        for number, pages in enumerate(self.plan):
            if self.stopped:
                return
            self.process = subprocess.Popen(index_command(self.folder, number, pages, source), stdout=subprocess.PIPE,
                                            stderr=subprocess.STDOUT, text=True, preexec_fn=self._lowest_priority())
            output, _ = self.process.communicate()
            if self.process.returncode != 0:
                if not self.stopped:
                    self.problems.append(f"l'index de recherche (Pagefind) n'a pas pu être construit : {output.strip()}")
                return
        others = [f"../{bundle_name(number)}/" for number in range(1, len(self.plan))]
        (self.folder / "pagefind" / "bundles.json").write_text(json.dumps(others), encoding="utf-8")

    def _lowest_priority(self):
        """With `idle` (the preview), Pagefind gets only the CPU nothing
        else wants: the next build is never slowed by it."""
        return (lambda: os.nice(19)) if self.idle and hasattr(os, "nice") else None

    def stop(self):
        """Give up (the preview has a newer site to index)."""
        self.stopped = True
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
        self.join()


def start_indexing(folder, size=BATCH, idle=False):
    indexing = Indexing(folder, size, idle)
    indexing.start()
    return indexing


def index_site(pelican):
    """Index the written site; stop the build if Pagefind failed."""
    settings = pelican.settings
    if settings["SEARCH_INDEX"]:
        indexing = start_indexing(pelican.output_path, settings["SEARCH_INDEX_BATCH"])
        indexing.join()
        fail(indexing.problems)


def set_defaults(pelican):
    apply_defaults(pelican.settings, DEFAULTS)


def register():
    signals.initialized.connect(set_defaults)
    signals.finalized.connect(index_site)

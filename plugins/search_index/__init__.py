"""The search index: Pagefind (PyPI `pagefind-bin`, its binary inside the
wheel) over the written site, in French, into pagefind/ inside the site
itself, so the search page needs nothing from another host.

Only what a page marks with data-pagefind-body (its <main>) is indexed.
The binary is started when the site is written and runs on its own core
while the link checker reads the pages; the build waits for it before its
report (strict_build's site_written). The preview sets SEARCH_INDEX = False
and indexes the finished site itself, in the background (tasks.py): the
page reloads without waiting for the index.
"""

import subprocess

from pagefind_bin import get_executable
from strict_build import site_written


def start_indexing(folder):
    """Pagefind, started on a written site."""
    command = [str(get_executable()), "--site", str(folder), "--force-language", "fr", "--silent"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def index_site(pelican):
    """Start Pagefind; return the generator that waits for it and gives its
    failure, if any, as a line of the build's report."""
    if not pelican.settings.get("SEARCH_INDEX", True):
        return []
    return _outcome(start_indexing(pelican.output_path))


def _outcome(process):
    output, _ = process.communicate()
    if process.returncode != 0:
        yield f"l'index de recherche (Pagefind) n'a pas pu être construit : {output.strip()}"


def register():
    site_written.connect(index_site)

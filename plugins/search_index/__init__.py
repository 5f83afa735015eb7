"""The search index: Pagefind (PyPI `pagefind` with its binary) over the
written site, in French, into pagefind/ inside the site itself, so the
search page needs nothing from another host.

Only what a page marks with data-pagefind-body (its <main>) is indexed.
"""

import subprocess
import sys

from pelican import signals


def index_site(pelican):
    command = [sys.executable, "-m", "pagefind", "--site", str(pelican.output_path), "--force-language", "fr", "--silent"]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise SystemExit(f"L'index de recherche (Pagefind) n'a pas pu être construit :\n{finished.stdout}{finished.stderr}")


def register():
    signals.finalized.connect(index_site)

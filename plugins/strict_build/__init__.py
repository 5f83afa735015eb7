"""Stop the build on any warning or error, and list them all in one French report.

The work is core/build.py's (the log collected as Problems, Pelican's English
messages said in French, the report); this plugin connects it to Pelican:

- `initialized`: the settings' defaults (DEFAULTS), then start collecting every warning and error (and check that
  the plugins the theme needs, THEME_NEEDS, are in PLUGINS);
- `all_generators_finalized`: resolve the pages' links, then stop before
  anything is written when content could not be read or a link resolved;
- `finalized`: stop after writing (into a staging folder) otherwise.
"""

from pelican import signals

from core.build import check_after_writing, check_before_writing, start_collecting
from core.plugins import apply_defaults

__all__ = ["DEFAULTS", "register"]

DEFAULTS = {
    # The plugins whose filters, data and pages this site's theme (theme/)
    # uses: the build says so when one is missing from PLUGINS. Another theme
    # sets its own list.
    "THEME_NEEDS": ["offers", "comparison", "french_dates", "french_typography", "html_allowlist"],
    # Where the problems are also written as JSON (the editor commands and the
    # preview set it); None: nowhere.
    "PROBLEMS_FILE": None,
}


def set_defaults(pelican):
    apply_defaults(pelican.settings, DEFAULTS)


def register():
    signals.initialized.connect(set_defaults)
    signals.initialized.connect(start_collecting)
    signals.all_generators_finalized.connect(check_before_writing)
    signals.finalized.connect(check_after_writing)

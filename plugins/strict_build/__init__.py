"""Stop the build on any warning or error, and list them all in one French report.

The work is core/build.py's (the log collected as Problems, Pelican's English
messages said in French, the report); this plugin connects it to Pelican:

- `initialized`: start collecting every warning and error (and check that
  the plugins the theme needs, THEME_NEEDS, are in PLUGINS);
- `all_generators_finalized`: resolve the pages' links, then stop before
  anything is written when content could not be read or a link resolved;
- `finalized`: stop after writing (into a staging folder) otherwise.
"""

from pelican import signals

from core.build import check_after_writing, check_before_writing, start_collecting


def register():
    signals.initialized.connect(start_collecting)
    signals.all_generators_finalized.connect(check_before_writing)
    signals.finalized.connect(check_after_writing)

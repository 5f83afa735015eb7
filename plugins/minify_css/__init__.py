"""The stylesheet, minified in the published site (CSS_MINIFY = True in
publishconf.py) with rcssmin: the preview keeps it readable.

Pelican's signals: `initialized` (settings' defaults), `finalized` (the stylesheet minified).
"""

from pathlib import Path

import rcssmin
from pelican import signals

from core.plugins import apply_defaults

DEFAULTS = {
    # True in publishconf.py: the preview keeps the stylesheet readable.
    "CSS_MINIFY": False,
}


def set_defaults(pelican):
    apply_defaults(pelican.settings, DEFAULTS)


def minify(pelican):
    if not pelican.settings["CSS_MINIFY"]:
        return
    for path in Path(pelican.output_path).glob("theme/**/*.css"):
        path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")


def register():
    signals.initialized.connect(set_defaults)
    signals.finalized.connect(minify)

"""The stylesheet, minified in the published site (CSS_MINIFY = True in
publishconf.py) with rcssmin: the preview keeps it readable.

Pelican's signals: `finalized` (the stylesheet minified).
"""

from pathlib import Path

import rcssmin
from pelican import signals


def minify(pelican):
    if not pelican.settings.get("CSS_MINIFY"):
        return
    for path in Path(pelican.output_path).glob("theme/**/*.css"):
        path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")


def register():
    signals.finalized.connect(minify)

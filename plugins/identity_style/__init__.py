"""The organisation's colours and logo on the site, from « appearance: » in
the content folder's reglages.yml (APPEARANCE and APPEARANCE_FOLDER, set by
plugins/reglages, which runs first; read and checked by core/organisation.py): a small
stylesheet written at build time, loaded after the theme's, that replaces its
colour tokens (no inline style: the pages' CSP allows only the site's own
files), and the logo, published under theme/. Nothing set: the theme's own
colours, no extra request, and the organisation's name as text.

Pelican's signals: `initialized` (IDENTITY_STYLESHEET and IDENTITY_LOGO),
`get_generators` (the generator that writes the stylesheet and the logo).
"""

import logging
import shutil
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from PIL import Image

from core.appearance import colour_problem, identity_css, logo_path, logo_size
from core.organisation import identity_file
from core.plugins import adds, require

logger = logging.getLogger(__name__)

STYLESHEET = "theme/css/identite.css"


def set_settings(pelican):
    """IDENTITY_STYLESHEET and IDENTITY_LOGO, which base.html reads: None when not set."""
    settings = pelican.settings
    require(settings, "identity_style", "reglages")
    appearance = settings.get("APPEARANCE") or {}
    _, source = identity_file(settings["PATH"])
    for key in ("colour", "accent_colour"):
        problem = appearance.get(key) and colour_problem(appearance[key])
        if problem:
            logger.error("%s, « appearance.%s » : %s", source, key, problem)
            appearance = {}
    settings["IDENTITY_CSS"] = identity_css(appearance, source)
    settings["IDENTITY_STYLESHEET"] = STYLESHEET if settings["IDENTITY_CSS"] else None
    settings["IDENTITY_LOGO"] = None
    if appearance.get("logo"):
        path = logo_path(appearance["logo"], settings["APPEARANCE_FOLDER"])
        try:
            width, height = logo_size(path)
        except (OSError, ValueError) as error:
            logger.error("%s, « appearance.logo » : %s", source, error)
            return
        settings["IDENTITY_LOGO"] = {"url": f"theme/logo{path.suffix}", "width": width, "height": height,
                                     "source": str(path)}


class IdentityGenerator(Generator):
    """Writes the stylesheet and the logo with the site."""

    def generate_output(self, writer):
        output = Path(self.output_path)
        if self.settings["IDENTITY_CSS"]:
            target = output / STYLESHEET
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.settings["IDENTITY_CSS"], encoding="utf-8")
        logo = self.settings["IDENTITY_LOGO"]
        if logo:
            target = output / logo["url"]
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.suffix == ".png":  # saved again: none of its metadata is published
                with Image.open(logo["source"]) as image:
                    image.save(target, "PNG", optimize=True)
            else:
                shutil.copyfile(logo["source"], target)


add_generator = adds(IdentityGenerator)


def register():
    signals.initialized.connect(set_settings)
    signals.get_generators.connect(add_generator)

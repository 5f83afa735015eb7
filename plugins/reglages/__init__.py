"""The organisation's réglages, read from the content folder the build is
given (its reglages.yml: content/reglages.yml for this site), so that another
content folder brings its own organisation, host, colours and logo, whatever
the settings file. core/organisation.py reads and checks the file; a mistake
stops the build at once, in French (file, line, field, remedy), before
anything is written.

Sets ORGANISATION, HOST and APPEARANCE (« organisation: », « host: »,
« appearance: »), APPEARANCE_FOLDER (the folder the logo's path starts from:
the content folder) and SITENAME (the organisation's name). A setting already
set when the build starts is kept: given with Pelican's `-e` (or by a settings
file), it wins over the file; SITENAME is kept when it is not Pelican's own
default. The file is read even then, unless all three sections are given.

Pelican's signals: `initialized` (the settings above). First in PLUGINS:
receivers of a signal run in PLUGINS order, and identity_style reads
APPEARANCE on the same signal.
"""

from pathlib import Path

from pelican import signals
from pelican.settings import DEFAULT_CONFIG

from core.organisation import identity_file, read_identity
from core.schemas.reglages import SETTINGS

# The site's name while the organisation's is not known.
UNNAMED = "Nom de l’association à renseigner"


def set_settings(pelican):
    """ORGANISATION, HOST, APPEARANCE, APPEARANCE_FOLDER and SITENAME, from the
    content folder's réglages, unless chosen on the command line."""
    settings = pelican.settings
    content = Path(settings["PATH"]).resolve()
    wanted = [name for name in SETTINGS.values() if name not in settings]
    if wanted:
        path, _ = identity_file(content)
        identity = read_identity(path, content.parent)
        for name in wanted:
            settings[name] = identity[name]
    settings.setdefault("APPEARANCE_FOLDER", str(content))
    if settings.get("SITENAME") == DEFAULT_CONFIG["SITENAME"]:
        settings["SITENAME"] = (settings["ORGANISATION"] or {}).get("name") or UNNAMED


def register():
    signals.initialized.connect(set_settings)

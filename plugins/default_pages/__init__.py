"""The pages the theme links to, from the theme itself when content/ has none.

Every page of the theme links to the workshop list (/ateliers/), the
contact page, the search page, the enquiry page (ENQUIRY_URL) and the three
legal and trust pages (FOOTER_LINKS), and GitHub Pages serves 404.html.
Today's site writes them in content/pages/; an organisation that copies the
site and replaces content/ by its own would otherwise see one broken link
per page. Each of them has a default in theme/default_pages/ (or
DEFAULT_PAGES_PATH), read here only when no page of content/ is published at
its address: a file of content/pages/ with that address always wins (a
draft does not count: the theme's page is published until the draft is).

Why each page is produced rather than demanded: their text is generic and
says nothing the site does not do; the facts that must come from the
organisation (name, address, registration, director, email, phone, host)
are not in these files but in content/reglages.yml, which the templates
show (« non renseigné pour l’instant » when missing) and `make check` lists
as warnings. So even the legal notice is honest from the first build; an
organisation that wants its own text copies the file into content/pages/
(`cp theme/default_pages/contact.md content/pages/`) and edits it. The
home page has no default: it is the organisation's own words.

Signals: `initialized` (settings' defaults), `page_generator_finalized`, once the pages of content/ are read.
Each default is read with that generator's own readers and signals (so the
front matter, the HTML allow-list and Jekyll's layout apply as to any page),
and added to its pages before the plugins that check or use the pages hear
the same signal: Pelican 4.12 calls receivers in PLUGINS order, so this
plugin is listed before `offers` and `documents` (pelicanconf.py).
"""

import logging
from pathlib import Path

from pelican import signals
from pelican.contents import Page

from core.plugins import apply_defaults

logger = logging.getLogger(__name__)

FOLDER = "default_pages"
DEFAULTS = {
    # Where the default pages are; None: the theme's default_pages/ folder.
    "DEFAULT_PAGES_PATH": None,
}


def set_defaults(pelican):
    apply_defaults(pelican.settings, DEFAULTS)


def defaults_folder(settings):
    """Where the default pages are: DEFAULT_PAGES_PATH, or the theme's default_pages/."""
    return Path(settings.get("DEFAULT_PAGES_PATH") or Path(settings["THEME"]) / FOLDER)


def published_addresses(generator):
    """Where the pages of content/ are written (save_as), published or hidden."""
    return {page.save_as for page in [*generator.pages, *generator.hidden_pages] if page.save_as}


def read_default(generator, folder, name):
    """A default page, read as the generator reads the pages of content/."""
    return generator.readers.read_file(
        base_path=str(folder), path=name, content_class=Page, context=generator.context,
        preread_signal=signals.page_generator_preread, preread_sender=generator,
        context_signal=signals.page_generator_context, context_sender=generator,
    )


def add_missing_pages(generator):
    """Add each default page whose address no page of content/ takes."""
    folder = defaults_folder(generator.settings)
    if not folder.is_dir():
        return
    taken, added = published_addresses(generator), []
    for path in sorted(folder.glob("*.md")):
        page = read_default(generator, folder, path.name)
        if not page.save_as or page.save_as in taken:
            continue
        (generator.hidden_pages if page.status == "hidden" else generator.pages).append(page)
        generator.add_source_path(page)
        taken.add(page.save_as)
        added.append(path.name)
    if added:
        logger.info("Pages du thème publiées faute de fichier dans content/pages/ : %s. Pour en changer le texte, "
                    "copiez-les dans content/pages/ (cp %s/<fichier> content/pages/).", ", ".join(added), folder)


def register():
    signals.initialized.connect(set_defaults)
    signals.page_generator_finalized.connect(add_missing_pages)

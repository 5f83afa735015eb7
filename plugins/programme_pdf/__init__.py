"""A programme to download for each published offer: a PDF made at build
time by WeasyPrint from the same data as the offer's page
(theme/templates/programme.html, theme/print/programme.css), dated, A4,
tagged (PDF/UA-1), its fonts embedded, nothing fetched from another host.

Made on Pelican's `all_generators_finalized`: every offer is checked and
dated (plugins/offers), strict_build has resolved the links of every page
with their file named (it comes first in PLUGINS: receivers run in that
order), and no page is written yet, so each offer's page and the comparison
can say the PDF's size. Programmes to lay out are sent to worker
processes there (when there are two cores or more) and the build goes on:
they are laid out while Pelican writes the articles. A page waits for its
programme only when its template asks for the size (pending.py), and every
programme is in the output folder once the pages are written (Pelican's
`page_writer_finalized`), before `finalized`, where the link checker looks
for them.
A programme whose HTML, stylesheet, fonts and renderer did not change is
taken from .cache/programmes/ (cache.py): a rebuild lays out only the
offers that changed, and renders the HTML only of those whose inputs
(core/inputs.py: the settings, theme, code, every front matter, the day,
the offer's own file) changed.

Pelican's signals: `initialized` (settings' defaults),
`all_generators_finalized` (the programmes planned, laid out in workers),
`page_writer_finalized` and `finalized` (every programme waited for and written).
"""

import json
import logging
import time
from pathlib import Path

from pelican import signals
from pelican.generators import PagesGenerator

from core.caches import key as cache_key
from core.inputs import site_digest, source_digest
from core.names import editor_path
from core.plugins import apply_defaults, require, workers

from .cache import (
    OPTIONS,
    RENDERER,
    entry_path,
    font_fingerprint,
    last_keys,
    read_entry,
    remember_keys,
    write_entry,
)
from .pending import Layouts, Programme

__all__ = ["DEFAULTS", "make_programmes", "register", "render_pdf"]

# Under Pelican's logger, so that `pelican -v` shows what each build laid out.
logger = logging.getLogger(f"pelican.plugins.{__name__}")

DEFAULTS = {
    # Where each offer's programme is published, from its page's fields: beside
    # the page's folder, with the offer's name, so the file a buyer saves or
    # forwards says which workshop it is (« analyse-des-pratiques-balint.pdf »).
    "PROGRAMME_PDF_SAVE_AS": "{url_prefix}{slug}.pdf",
    # Where programmes are kept between builds; None: .cache/programmes/ beside the content folder.
    "PROGRAMME_PDF_CACHE_PATH": None,
    # The print stylesheet, in the theme's folder. Not in static/: visitors never
    # load it, and its paged-media rules (margin boxes, string-set) are
    # WeasyPrint's to check, which it does on every programme it makes.
    "PROGRAMME_PDF_STYLESHEET": "print/programme.css",
}


def set_defaults(pelican):
    require(pelican.settings, "programme_pdf", "offers", "strict_build", "french_typography", "french_dates")
    apply_defaults(pelican.settings, DEFAULTS)


def cache_folder(settings):
    return Path(settings.get("PROGRAMME_PDF_CACHE_PATH") or Path(settings["PATH"]).resolve().parent / ".cache" / "programmes")


def offer_pages(context):
    """The published and hidden offers (each has a page): those plugins/offers checked."""
    pages = [*context.get("pages", []), *context.get("hidden_pages", [])]
    return [page for page in pages if getattr(page, "offer", None) is not None]


# The programmes of the build under way: laid out in workers, waited for
# when a page asks for one's size, all of them once the pages are written.
_build = {"layouts": None, "programmes": [], "started": None, "cache": None, "counts": (0, 0)}


def make_programmes(generators):
    pages_generator = next((generator for generator in generators if isinstance(generator, PagesGenerator)), None)
    if pages_generator is None:
        return
    context, settings = pages_generator.context, pages_generator.settings
    offers = offer_pages(context)
    if not offers:
        return
    started = time.monotonic()
    theme = Path(settings["THEME"]).resolve()
    stylesheet = (theme / settings["PROGRAMME_PDF_STYLESHEET"]).read_text(encoding="utf-8")
    template = pages_generator.get_template("programme")
    fingerprint = font_fingerprint()
    cache, output = cache_folder(settings), Path(pages_generator.output_path)
    allowed = [str(theme), str(output.resolve())]
    made_with = (RENDERER, json.dumps(OPTIONS, sort_keys=True), fingerprint, stylesheet)
    site, known, keys = site_digest(generators, settings), last_keys(cache), {}
    planned, jobs = [], {}
    for page in offers:
        inputs = cache_key(site, source_digest(page), *made_with)
        key = known.get(inputs)
        html = None
        if key is None or read_entry(cache, key) is None:
            html = template.render({**context, "page": page})
            key = cache_key(*made_with, html)
        keys[inputs] = key
        planned.append((page, key))
        if html is not None and key not in jobs and read_entry(cache, key) is None:
            jobs[key] = (page, (html, stylesheet, allowed))
    layouts = Layouts({key: job for key, (_page, job) in jobs.items()}, workers(settings),
                      lambda key, data, problems: laid_out(jobs[key][0], key, data, problems, cache, settings))
    programmes = [programme_of(page, key, cache, output, layouts, settings) for page, key in planned]
    _build.update(layouts=layouts, programmes=programmes, started=started, cache=cache,
                  counts=(len(jobs), len(planned) - len(jobs)))
    remember_keys(cache, keys)


def laid_out(page, key, data, problems, cache, settings):
    """A programme's layout came back: kept in the cache, or its problems said."""
    for problem in problems:
        logger.error("%s : le programme PDF de l’atelier : %s.", editor_path(page, settings), problem)
    if data is not None and not problems:
        write_entry(cache, key, data)


def programme_of(page, key, cache, output, layouts, settings):
    """page.programme: its address now, its size (and its file in the site)
    once it is laid out."""
    save_as = settings["PROGRAMME_PDF_SAVE_AS"].format(**page.url_format)
    page.programme = Programme(save_as, entry_path(cache, key), output / save_as, lambda: layouts.wait(key))
    return page.programme


def write_all(*_arguments, **_keywords):
    """Every programme waited for and put into the site, also those no page
    asked for (a page the preview took from its cache, a hidden offer)."""
    layouts, programmes = _build["layouts"], _build["programmes"]
    if layouts is None:
        return
    _build.update(layouts=None, programmes=[])
    for programme in programmes:
        programme.bytes  # noqa: B018 (waits for it, and puts it into the site)
    layouts.close()
    # The time from the plan to the last programme in the site, pages written meanwhile.
    logger.info("Programmes PDF : %d mis en page, %d repris du cache (%s), en %.2f s.", *_build["counts"],
                _build["cache"], time.monotonic() - _build["started"])


def render_pdf(html, stylesheet, allowed):
    """render.render_pdf(), WeasyPrint imported only when a programme is laid out."""
    from .render import render_pdf as render

    return render(html, stylesheet, allowed)


def register():
    signals.initialized.connect(set_defaults)
    signals.all_generators_finalized.connect(make_programmes)
    signals.page_writer_finalized.connect(write_all)
    signals.finalized.connect(write_all)

"""A programme to download for each published offer: a PDF made at build
time by WeasyPrint from the same data as the offer's page
(theme/templates/programme.html, theme/print/programme.css), dated, A4,
tagged (PDF/UA-1), its fonts embedded, nothing fetched from another host.

Made on Pelican's `all_generators_finalized`: every offer is checked and
dated (plugins/offers), strict_build has resolved the links of every page
with their file named (it comes first in PLUGINS: receivers run in that
order), and no page is written yet, so each offer's page and the comparison
can say the PDF's size. The files go into the output folder there and then,
before Pelican's `finalized`, where the link checker looks for them.
A programme whose HTML, stylesheet, fonts and renderer did not change is
taken from .cache/programmes/ (cache.py): a rebuild lays out only the
offers that changed, and renders the HTML only of those whose inputs
(core/inputs.py: the settings, theme, code, every front matter, the day,
the offer's own file) changed.

Pelican's signals: `initialized` (settings' defaults),
`all_generators_finalized` (the programmes made and written).
"""

import json
import logging
import math
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pelican import signals
from pelican.generators import PagesGenerator

from core.caches import key as cache_key
from core.caches import place
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
    planned, jobs = [], []
    for page in offers:
        inputs = cache_key(site, source_digest(page), *made_with)
        key = known.get(inputs)
        html = None
        if key is None or read_entry(cache, key) is None:
            html = template.render({**context, "page": page})
            key = cache_key(*made_with, html)
        keys[inputs] = key
        planned.append((page, key))
        if html is not None and read_entry(cache, key) is None:
            jobs.append((page, key, (html, stylesheet, allowed)))
    results = render_all([job for _page, _key, job in jobs], settings)
    for (page, key, _job), (data, problems) in zip(jobs, results, strict=True):
        for problem in problems:
            logger.error("%s : le programme PDF de l’atelier : %s.", editor_path(page, settings), problem)
        if data is not None and not problems:
            write_entry(cache, key, data)
    for page, key in planned:
        publish(page, key, cache, output, settings)
    remember_keys(cache, keys)
    logger.info("Programmes PDF : %d mis en page, %d repris du cache (%s), en %.2f s.", len(jobs),
                len(planned) - len(jobs), cache, time.monotonic() - started)


def publish(page, key, cache, output, settings):
    """Put the programme into the site and tell the templates its address and size."""
    kept = entry_path(cache, key)
    if not kept.is_file():
        return  # its problems are reported; the build stops
    save_as = settings["PROGRAMME_PDF_SAVE_AS"].format(**page.url_format)
    place(kept, output / save_as)
    size = kept.stat().st_size
    page.programme = {"url": save_as, "save_as": save_as, "bytes": size, "kilobytes": math.ceil(size / 1024)}


def render_pdf(html, stylesheet, allowed):
    """render.render_pdf(), WeasyPrint imported only when a programme is laid out."""
    from .render import render_pdf as render

    return render(html, stylesheet, allowed)


def render_all(jobs, settings):
    """render_job() of each job: on every core (PROCESSES) when there are two or more.
    WeasyPrint is imported here only: a build whose programmes are all in the
    cache does not pay for it (the preview has it imported once, tasks.py)."""
    if not jobs:
        return []
    from .render import render_job

    count = min(len(jobs), workers(settings))
    if count < 2:
        return [render_job(job) for job in jobs]
    with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(render_job, jobs))


def register():
    signals.initialized.connect(set_defaults)
    signals.all_generators_finalized.connect(make_programmes)

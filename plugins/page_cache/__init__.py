"""The preview's rebuild after a save: each document's page whose inputs
did not change is taken from the last build instead of rendered again.

On at the preview only (`make serve` sets PAGE_CACHE_PATH); the published
site is always rendered whole. A page is taken again when nothing it may
show changed: the settings, the theme, the plugins and core, content/'s other
files, every document's front matter (core/inputs.py), the day, and its own
file. Saving a document's text renders that page again, and every page that
is not a document's own (lists, the comparison…); saving a front matter
(a price, a title), which other pages show, renders them all.

Pelican's signals: `initialized` (settings' defaults), `all_generators_finalized`
(the site's fingerprint), `get_writer` (a Writer that takes pages again),
`finalized` (the pages this build did not use leave the cache). A page
taken again is announced with `content_written`, as one rendered is.
"""

from pathlib import Path

from pelican import signals
from pelican.contents import Content
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from core.caches import key as digest
from core.caches import place, write_atomically
from core.inputs import site_digest, source_digest
from core.plugins import apply_defaults

__all__ = ["DEFAULTS", "PageCacheWriter", "register"]

DEFAULTS = {
    # A folder: the preview keeps each document's page there (tasks.py). None: every page is rendered.
    "PAGE_CACHE_PATH": None,
}

# This build's fingerprint of the whole site, and the pages it wrote or took again.
_build = {"site": None, "used": set()}


def set_defaults(pelican):
    apply_defaults(pelican.settings, DEFAULTS)
    _build.update(site=None, used=set())


def fingerprint_site(generators):
    settings = generators[0].settings if generators else {}
    if settings.get("PAGE_CACHE_PATH"):
        _build["site"] = site_digest(generators, settings)


def page_key(name, template, relative_urls, kwargs):
    """The page's key in the cache, or None when it is not one document's
    own page (a list, a paginated page): those are always rendered."""
    documents = [value for value in kwargs.values() if isinstance(value, Content)]
    if _build["site"] is None or len(documents) != 1 or {"articles", "dates"} & kwargs.keys():
        return None
    others = sorted(f"{key}={getattr(value, 'source_path', value)}" for key, value in kwargs.items())
    return digest(_build["site"], name, template.name, str(relative_urls), source_digest(documents[0]), *others)


class PageCacheWriter(Writer):
    """Pelican's writer, but a document's page whose key is in the cache is
    copied from there; one it renders is kept there for the next build."""

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        key = page_key(name, template, relative_urls, kwargs) if name and paginated is None else None
        if key is None:
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        kept = Path(self.settings["PAGE_CACHE_PATH"]) / key[:2] / f"{key}.html"
        path = sanitised_join(self.output_path, name)
        _build["used"].add(kept.name)
        if kept.is_file():
            place(kept, path)
            signals.content_written.send(path, context=local_context(context, name, relative_urls, kwargs))
            return None
        written = super().write_file(name, template, context, relative_urls, paginated, template_name,
                                     override_output, url, **kwargs)
        write_atomically(kept, Path(path).read_bytes())
        return written


def local_context(context, name, relative_urls, kwargs):
    """The context Pelican's writer gives `content_written` for a page."""
    local = {**context, "localsiteurl": context.get("localsiteurl"), "output_file": name}
    if relative_urls:
        local["SITEURL"] = local["localsiteurl"] = path_to_url(get_relative_path(name))
    local.update(kwargs)
    return local


def choose_writer(pelican):
    return PageCacheWriter if pelican.settings.get("PAGE_CACHE_PATH") else None


def forget_unused(pelican):
    """The cache keeps the pages of the last build only."""
    folder = pelican.settings.get("PAGE_CACHE_PATH")
    if not folder or _build["site"] is None:
        return
    for kept in Path(folder).glob("*/*"):
        if kept.name not in _build["used"]:
            kept.unlink(missing_ok=True)


def register():
    signals.initialized.connect(set_defaults)
    signals.all_generators_finalized.connect(fingerprint_site)
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(forget_unused)

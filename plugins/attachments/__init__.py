"""Documents editors attach: the PDFs of content/documents/ are published
under /documents/, linked with `[le programme]({static}/documents/x.pdf)`,
each bounded in size and stripped of its metadata (author, software, dates,
XMP) by pypdf (strip.py). Any other kind of file there is refused, named.

Public hooks only. A `{static}` link makes Pelican's static generator read
the file (so the link resolves to its URL, and a missing file is named) and
copy it as it is; at `static_generator_finalized`, the documents are taken
out of the files it will copy, and a generator of ours writes their
stripped copies instead.

Pelican's signals: `initialized` (settings' defaults), `get_generators` (the
generator that writes the stripped copies), `static_generator_finalized`
(the documents taken out of the files Pelican copies).
"""

import logging
from pathlib import Path, PurePosixPath

from pelican import signals

from core.plugins import adds, apply_defaults, require

from .strip import check_and_strip, problems_of_name

__all__ = ["DEFAULTS", "check_and_strip", "register"]

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The folder of content/ whose documents are published, as /<folder>/….
    "ATTACHMENTS_PATH": "documents",
    # A document larger than this is refused: a programme or a leaflet is a few
    # hundred KB; a scan of 50 MB would be slow to download on a phone.
    "ATTACHMENTS_MAX_BYTES": 10_000_000,
    # At most this many files in the folder, and this deep.
    "ATTACHMENTS_MAX_FILES": 500,
    "ATTACHMENTS_MAX_DEPTH": 3,
}


def set_defaults(pelican):
    require(pelican.settings, "attachments", "strict_build")
    apply_defaults(pelican.settings, DEFAULTS)


class AttachedFiles:
    """A generator whose only output is the documents' stripped copies."""

    def __init__(self, context, settings, path, theme, output_path, **_):
        self.context, self.settings, self.output_path = context, settings, Path(output_path)
        self.content = Path(path)
        self.ready = {}  # relative path (documents/x.pdf) -> stripped bytes

    def generate_context(self):
        forget_missing_links(self.context, self.content)
        folder = self.content / self.settings["ATTACHMENTS_PATH"]
        if not folder.is_dir():
            return
        files = sorted(path for path in folder.rglob("*") if not path.is_dir())
        if len(files) > self.settings["ATTACHMENTS_MAX_FILES"]:
            logger.error("%s/%s/ : %d fichiers, plus que les %d permis (réglage ATTACHMENTS_MAX_FILES) : "
                         "retirez ceux qui ne servent plus.", self.content.name, self.settings["ATTACHMENTS_PATH"],
                         len(files), self.settings["ATTACHMENTS_MAX_FILES"])
            return
        for path in files:
            relative = PurePosixPath(path.relative_to(self.content).as_posix())
            shown = f"{self.content.name}/{relative}"
            problems = problems_of_name(path, relative, self.settings)
            data = None
            if not problems:
                data, problems = check_and_strip(path, self.settings["ATTACHMENTS_MAX_BYTES"])
            for problem in problems:
                logger.error("%s : %s", shown, problem)
            if data is not None and not problems:
                self.ready[str(relative)] = data

    def generate_output(self, writer):
        for relative, data in self.ready.items():
            target = self.output_path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def forget_missing_links(context, content):
    """A `{static}` link to a file that does not exist: Pelican's static
    generator (which runs after this one) would stop on it with an English
    message naming no page. Left out of the files it reads, the link stays
    unresolved, and the build's report names the page and the link."""
    context["static_links"] -= {link for link in context["static_links"] if not (content / link).is_file()}


def leave_documents_to_us(generator):
    """Pelican copies every file a `{static}` link names, as it is: not the documents, which we strip."""
    folder = PurePosixPath(generator.settings["ATTACHMENTS_PATH"])
    generator.staticfiles[:] = [static for static in generator.staticfiles
                                if folder not in PurePosixPath(static.get_relative_source_path()).parents]


add_generator = adds(AttachedFiles)


def register():
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(add_generator)
    signals.static_generator_finalized.connect(leave_documents_to_us)

"""The readers' side: the HTML each Markdown or HTML reader returns is
checked where it is made, with the file's text at hand for the lines of the
report (the one the reader kept, core/document.py's `source_text`).

`wrap_readers` replaces, at `readers_init`, each class of the public
`reader_classes` for these extensions by a subclass whose `read()` checks
what the original returns; the problems, French lines, go into the page's
metadata (`html_problems`), which Pelican's reader cache (the preview's) keeps
with the HTML they describe. Other plugins wrap the same readers
(yaml_front_matter, pictures): a wrapper offers `around(reader_class)`, which
builds the same wrapper on another class, for a plugin that replaces a
reader it finds in place: whichever of them comes first in PLUGINS, whose
order Pelican calls the receivers of `readers_init` in.
"""

import functools

from core.document import source_text
from core.names import editor_name

from .check import offences
from .messages import problems
from .policy import policy

EXTENSIONS = ("md", "markdown", "mkd", "mdown", "html", "htm")


def wrap_readers(readers):
    """Every Markdown and HTML reader class, wrapped (once), next to the
    reader itself: a wrapper already in place (pictures, which writes its
    <picture> in place of each <img>, keeping only some attributes) is built
    again around ours, so that what is checked is what the editor wrote,
    whichever plugin came first."""
    for extension in EXTENSIONS:
        current = readers.reader_classes.get(extension)
        if current is None or getattr(current, "checks_html", False):
            continue
        around = getattr(current, "around", None)
        reader = next(cls for cls in current.__mro__ if "around" not in vars(cls))
        readers.reader_classes[extension] = around(checking_reader(reader)) if around else checking_reader(current)


def checking_reader(base):
    """A subclass of the reader class `base` whose HTML is checked."""

    class CheckingReader(base):
        checks_html = True

        def read(self, source_path):
            content, metadata = super().read(source_path)
            found = offences(content, policy_of(self.settings))
            if found:
                source = editor_name(source_path, self.settings["PATH"])
                metadata["html_problems"] = problems(source, source_text(source_path, metadata), found)
            return content, metadata

        @staticmethod
        def around(other):
            """This wrapper, and any `base` wraps, on the reader class `other`."""
            inner = getattr(base, "around", None)
            return checking_reader(inner(other) if inner else other)

    # Pelican names a page's metadata["reader"] after the class: unchanged.
    CheckingReader.__name__ = CheckingReader.__qualname__ = base.__name__
    return CheckingReader


def policy_of(settings):
    """The Policy of these settings, made once per build's values."""
    extra = settings.get("HTML_ALLOWLIST_EXTRA") or {}
    return _policy(tuple(settings.get("ALLOWED_HOSTS") or ()), settings.get("SITEURL") or "",
                   tuple(sorted((tag, tuple(sorted(names))) for tag, names in extra.items())))


@functools.lru_cache(maxsize=8)
def _policy(hosts, siteurl, extra):
    return policy({"ALLOWED_HOSTS": hosts, "SITEURL": siteurl, "HTML_ALLOWLIST_EXTRA": dict(extra)})

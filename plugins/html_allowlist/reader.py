"""The readers' side: the HTML each Markdown or HTML reader returns is
checked where it is made, with the file's text at hand for the lines of the
report (the one the reader kept, core/document.py's `source_text`).

`wrap_readers` replaces, at `readers_init`, each class of the public
`reader_classes` for these extensions by a subclass whose `read()` checks
what the original returns; the problems, French lines, go into the page's
metadata (`html_problems`), which Pelican's reader cache (the preview's) keeps
with the HTML they describe. Other plugins wrap or replace the same readers
(yaml_front_matter, pictures), whichever comes first in PLUGINS: the
wrappers are core/readers.py's, which keeps each in its place.
"""

import functools

from core.document import source_text
from core.names import editor_name
from core.readers import put_reader, unwrapped, wrapped_reader

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
        if current is not None and not getattr(current, "checks_html", False):
            put_reader(readers, extension, wrapped_reader(unwrapped(current), "checks_html", check))


def check(reader, source_path, content, metadata):
    """The reader's (content, metadata), with `html_problems` when the HTML
    holds what the policy refuses."""
    found = offences(content, policy_of(reader.settings))
    if found:
        source = editor_name(source_path, reader.settings["PATH"])
        metadata["html_problems"] = problems(source, source_text(source_path, metadata), found)
    return content, metadata


def policy_of(settings):
    """The Policy of these settings, made once per build's values."""
    extra = settings.get("HTML_ALLOWLIST_EXTRA") or {}
    return _policy(tuple(settings.get("ALLOWED_HOSTS") or ()), settings.get("SITEURL") or "",
                   tuple(sorted((tag, tuple(sorted(names))) for tag, names in extra.items())))


@functools.lru_cache(maxsize=8)
def _policy(hosts, siteurl, extra):
    return policy({"ALLOWED_HOSTS": hosts, "SITEURL": siteurl, "HTML_ALLOWLIST_EXTRA": dict(extra)})

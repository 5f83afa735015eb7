"""The line of a content file where an image is written, for messages.

The HTML a reader gives carries no line numbers: each image is looked for,
in order, by its address as written in the file the editor wrote. That text
is the one the reader kept (core/document.py's `source_text`: not read
again), read through core/source.py's `prose`, the one scanner of front
matter, fenced code blocks and code spans: an address shown in code, or a
front matter's `image:` field, is not taken for the picture of the text,
and each line number found is the line of the file.
"""

import functools
from html import escape

from core.document import source_text
from core.source import front_matter_end, prose


class LineFinder:
    """Finds each image's line, in the order the page shows them: a second
    image with the same address is found after the first. The text is read
    only when a line is asked: most pages have no image."""

    def __init__(self, source_path, metadata):
        self.source_path, self.metadata = source_path, metadata
        self.cursor = 0

    @functools.cached_property
    def text(self):
        """The file as its editor wrote it, as its reader kept it."""
        return source_text(self.source_path, self.metadata)

    @functools.cached_property
    def lines(self):
        """The file's lines, front matter, code blocks and code spans blanked."""
        return prose(self.text).splitlines()

    def line_of(self, src):
        """The line (from 1) that writes `src`, searched from the last image
        found; None when the text does not write it (the file is still named)."""
        forms = {form for form in (src, escape(src, quote=False)) if form}
        for begin in (self.cursor, 0):
            for index in range(begin, len(self.lines)):
                if any(form in self.lines[index] for form in forms):
                    self.cursor = index + 1
                    return index + 1
        return None

    def key_line(self, key):
        """The line of a front matter field (`image:`), or 1."""
        front = self.metadata.get("front_matter")
        if hasattr(type(front), "lines"):  # the YAML reader's FrontMatter: its key_lines()
            return front.lines.get((key,)) or 1
        # Another reader's file: a `key: value` line of its front matter, if it has one.
        lines = self.text.splitlines()
        head = lines[:front_matter_end(lines)]
        return next((number for number, line in enumerate(head, start=1)
                     if line.split(":", 1)[0].strip().lower() == key), 1)

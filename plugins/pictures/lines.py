"""The line of a content file where an image is written, for messages.

The HTML Pelican gives carries no line numbers: each image is looked for,
in order, by its address as written in the Markdown file's body.
"""

from pathlib import Path

FENCE = "---"


def body_start(lines):
    """The index of the first line after the YAML front matter (0 without one)."""
    if lines and lines[0].strip() == FENCE:
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() == FENCE:
                return index + 1
    return 0


class LineFinder:
    """Finds each image's line, in the order the page shows them: a second
    image with the same address is found after the first."""

    def __init__(self, source_path):
        try:
            self.lines = Path(source_path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            self.lines = []
        self.start = body_start(self.lines)
        self.cursor = self.start

    def line_of(self, src):
        """The line (from 1) that writes `src`, searched from the last image found."""
        for begin in (self.cursor, self.start):
            for index in range(begin, len(self.lines)):
                if src and src in self.lines[index]:
                    self.cursor = index + 1
                    return index + 1
        return self.start + 1

    def key_line(self, key):
        """The line of a front matter field (`image:`), or 1."""
        for index, line in enumerate(self.lines[: self.start], start=1):
            if line.split(":", 1)[0].strip().lower() == key:
                return index
        return 1

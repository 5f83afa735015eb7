"""The line of a content file where an image is written, for messages.

The HTML a reader gives carries no line numbers: each image is looked for,
in order, by its address as written in the body. The body and where it
starts come from the reader's `front_matter` (plugins/yaml_front_matter)
when there is one, so the file is not read again; another reader's file
(Pelican's own Markdown or HTML) is read here.
"""

from pathlib import Path

from core.source import front_matter_end


class LineFinder:
    """Finds each image's line, in the order the page shows them: a second
    image with the same address is found after the first."""

    def __init__(self, body, first_line, keys):
        self.lines = body.splitlines()
        self.first_line = first_line  # the file's line number of the body's first line
        self.keys = keys  # field -> its line in the front matter, or None; asked only for an image: field
        self.cursor = 0

    @classmethod
    def of(cls, source_path, metadata):
        """The finder for a file just read: from its front matter, else from the file."""
        front = metadata.get("front_matter")
        if front is not None and hasattr(front, "body"):
            return cls(front.body, front.body_line, lambda key: front.lines.get((key,)))
        try:
            lines = Path(source_path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        start = front_matter_end(lines)
        keys = {line.split(":", 1)[0].strip().lower(): number for number, line in enumerate(lines[:start], start=1)}
        return cls("\n".join(lines[start:]), start + 1, keys.get)

    def line_of(self, src):
        """The line (from 1) that writes `src`, searched from the last image found."""
        for begin in (self.cursor, 0):
            for index in range(begin, len(self.lines)):
                if src and src in self.lines[index]:
                    self.cursor = index + 1
                    return self.first_line + index
        return self.first_line

    def key_line(self, key):
        """The line of a front matter field (`image:`), or 1."""
        return self.keys(key) or 1

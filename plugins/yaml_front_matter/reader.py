"""Pelican's reader for Markdown with YAML front matter: the file is read
once by core/document.py (front matter, each key's line, body), the values
editors write in French are put in Pelican's form (values.py), no field
leads out of the site (paths.py), and the body becomes HTML."""

import datetime

from markdown import Markdown
from pelican.readers import BaseReader

from core.document import FrontMatterError, read_document, text_in_front_matter
from core.names import editor_name

from .paths import place_problems
from .values import french_value_problems


class YamlMarkdownReader(BaseReader):
    """Pelican reader for Markdown with YAML front matter."""

    enabled = True
    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def __init__(self, settings):
        super().__init__(settings)
        # One Markdown instance per reader, reset between files: building it
        # (loading every extension) costs more than converting a short page.
        self._md = Markdown(**settings["MARKDOWN"])

    def read(self, source_path):
        content, front_matter = self.parse(source_path)
        self.check_places(front_matter, source_path)
        metadata = {name: self._process(name, value) for name, value in front_matter.data.items()}
        metadata["front_matter"] = front_matter
        return content, metadata

    def parse(self, source_path):
        """The page's HTML and its FrontMatter."""
        front_matter = read_document(source_path, self.settings["PATH"])
        data = front_matter.data
        _refuse(text_in_front_matter(data) or french_value_problems(data), front_matter,
                editor_name(source_path, self.settings["PATH"]))
        self._md.reset()
        return self._md.convert(front_matter.body), front_matter

    def check_places(self, front_matter, source_path):
        """Refuse a field that would write or link outside the site (paths.py)."""
        _refuse(place_problems(front_matter.data, self.settings), front_matter,
                editor_name(source_path, self.settings["PATH"]))

    def _process(self, name, value):
        """Give Pelican's own fields (date, tags, …) the text it expects."""
        if name in ("date", "modified") and isinstance(value, datetime.date):
            value = value.isoformat()
        elif name in ("tags", "authors") and isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        return self.process_metadata(name, value)


def _refuse(problems, front_matter, source):
    """Raise the (field, problem) pairs as one FrontMatterError, each on its
    field's line; a field is a name, or a path of names and list positions."""
    if problems:
        raise FrontMatterError("\n     ".join(
            f"{source}, ligne {front_matter.lines.get(field if isinstance(field, tuple) else (field,), '?')} : {problem}"
            for field, problem in problems))

"""Read Markdown files whose metadata is YAML front matter, as Jekyll does
(reader.py), on every core (prefetch.py)."""

from pelican import signals

from . import prefetch

from .reader import (
    FrontMatterError,
    YamlMarkdownReader,
    editor_path,
    key_lines,
    parse_front_matter,
    read_front_matter,
    split_front_matter,
)

__all__ = [
    "FrontMatterError", "YamlMarkdownReader", "editor_path", "key_lines", "parse_front_matter", "read_front_matter", "register",
    "split_front_matter",
]


def use_yaml_reader(readers):
    """Replace Pelican's Markdown reader for every Markdown extension."""
    for extension in YamlMarkdownReader.file_extensions:
        readers.reader_classes[extension] = YamlMarkdownReader
    prefetch.remember_readers(readers)


def register():
    signals.initialized.connect(prefetch.forget)
    signals.readers_init.connect(use_yaml_reader)

"""Read Markdown files whose metadata is YAML front matter, as Jekyll does
(reader.py); each page keeps what its editor wrote as `front_matter`."""

from pelican import signals

from .reader import (
    FrontMatter,
    FrontMatterError,
    YamlMarkdownReader,
    editor_path,
    key_lines,
    parse_front_matter,
    read_front_matter,
    split_front_matter,
)

__all__ = [
    "FrontMatter", "FrontMatterError", "YamlMarkdownReader", "editor_path", "key_lines", "parse_front_matter",
    "read_front_matter", "register", "split_front_matter",
]


def use_yaml_reader(readers):
    """Replace Pelican's Markdown reader for every Markdown extension."""
    for extension in YamlMarkdownReader.file_extensions:
        readers.reader_classes[extension] = YamlMarkdownReader


def register():
    signals.readers_init.connect(use_yaml_reader)

"""Read Markdown files whose metadata is YAML front matter, as Jekyll does
(reader.py); each page keeps what its editor wrote as `front_matter`."""

from pelican import signals

from .drafts import give_drafts_a_category
from .paths import refuse_outside_links
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
    """Replace Pelican's Markdown reader for every Markdown extension. A
    plugin may have wrapped the reader in place already (receivers of
    readers_init run in no fixed order): a wrapper class that offers
    `around(reader_class)` is kept, around ours (plugins/pictures does)."""
    for extension in YamlMarkdownReader.file_extensions:
        around = getattr(readers.reader_classes.get(extension), "around", None)
        readers.reader_classes[extension] = around(YamlMarkdownReader) if around else YamlMarkdownReader


def register():
    signals.readers_init.connect(use_yaml_reader)
    signals.initialized.connect(refuse_outside_links)
    signals.article_generator_finalized.connect(give_drafts_a_category)

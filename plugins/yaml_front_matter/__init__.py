"""Read Markdown files whose metadata is YAML front matter, as Jekyll does
(reader.py, on core/document.py); each page keeps what its editor wrote as
`front_matter`.

Pelican's signals: `readers_init` (our reader for every Markdown extension),
`initialized` (no symbolic link of content/ leads outside it),
`article_generator_finalized` (drafts get a category, paths.py and drafts.py).
"""

from pelican import signals

from core.readers import put_reader

from .drafts import give_drafts_a_category
from .paths import refuse_outside_links
from .reader import YamlMarkdownReader

__all__ = ["YamlMarkdownReader", "register", "use_yaml_reader"]


def use_yaml_reader(readers):
    """Replace Pelican's Markdown reader for every Markdown extension. A
    plugin may have wrapped the reader in place already (receivers of
    readers_init run in no fixed order): a wrapper in place (core/readers.py's,
    as pictures and html_allowlist make) is kept, around ours."""
    for extension in YamlMarkdownReader.file_extensions:
        put_reader(readers, extension, YamlMarkdownReader)


def register():
    signals.readers_init.connect(use_yaml_reader)
    signals.initialized.connect(refuse_outside_links)
    signals.article_generator_finalized.connect(give_drafts_a_category)

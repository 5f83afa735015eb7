"""Pelican's readers wrapped by plugins, at `readers_init`, in any order of PLUGINS.

Several plugins change what a reader returns (html_allowlist checks its
HTML, pictures rewrites its images) and one replaces the Markdown reader
(yaml_front_matter). Pelican calls the receivers of `readers_init` in the
order of PLUGINS, which a site may change: the result must not depend on it. A wrapper made here keeps its place: it offers
`around(reader_class)`, which builds the same wrappers again on another
class, so a plugin that replaces a reader it finds in place puts its own
inside them (`put_reader`).
"""


def wrapped_reader(base, mark, finish):
    """A subclass of the reader class `base` whose `read()` returns
    `finish(reader, source_path, content, metadata)` of what `base` read.
    The class attribute `mark` is True on it, so that a plugin wraps a
    reader once; Pelican names a page's metadata["reader"] after the class:
    it keeps `base`'s name."""

    class Wrapped(base):
        def read(self, source_path):
            content, metadata = super().read(source_path)
            return finish(self, source_path, content, metadata)

        @staticmethod
        def around(other):
            """This wrapper, and any `base` wraps, on the reader class `other`."""
            inner = getattr(base, "around", None)
            return wrapped_reader(inner(other) if inner else other, mark, finish)

    setattr(Wrapped, mark, True)
    Wrapped.__name__ = Wrapped.__qualname__ = base.__name__
    return Wrapped


def put_reader(readers, extension, reader_class):
    """`reader_class` reads files of `extension`, inside the wrappers of the
    reader in place, if any."""
    around = getattr(readers.reader_classes.get(extension), "around", None)
    readers.reader_classes[extension] = around(reader_class) if around else reader_class


def unwrapped(reader_class):
    """The reader class inside every wrapper of `reader_class`."""
    return next(cls for cls in reader_class.__mro__ if "around" not in vars(cls))

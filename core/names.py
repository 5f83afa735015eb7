"""A file of content/ as editors name it: « content/ateliers/x.md ».

Every message, report and form says a file this way, from the repository's
root, whatever Pelican gave: an absolute path, a path relative to the
content folder, or the page itself. One function, so they never differ.
"""

import functools
from pathlib import Path


@functools.lru_cache(maxsize=8192)  # pure, and asked thousands of times per build (benchmarks/RESULTS.md)
def editor_name(path, content_path):
    """`path` (absolute, or relative to `content_path`) as editors name it:
    the content folder's name, then the path inside it. A path outside the
    content folder is returned as it is."""
    content_path, path = Path(content_path), Path(path)
    if not path.is_relative_to(content_path) and not path.is_absolute():
        path = content_path / path
    if not path.is_relative_to(content_path):
        return str(path)
    return f"{content_path.name}/{path.relative_to(content_path).as_posix()}"


def editor_path(content, settings):
    """A page or article's file as editors name it in messages: content/ateliers/x.md."""
    return editor_name(content.relative_source_path, settings["PATH"])


def editor_file(argument, content_path):
    """`argument` (a path or a Content object) as editors name the file
    (content/pages/x.md) when it is a file of `content_path`; else None."""
    argument = getattr(argument, "source_path", argument)
    if not isinstance(argument, str | Path) or not str(argument):
        return None
    content_path = Path(content_path).resolve()
    for base in (content_path, content_path.parent):
        path = (base / argument).resolve()
        if path.is_file() and path.is_relative_to(content_path):
            return editor_name(path, content_path)
    return None

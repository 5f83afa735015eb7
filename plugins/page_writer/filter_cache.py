"""The preview's memory of filtered pages: a page whose HTML is what it was
at the last build comes out of the filters as it did then, without running
them again (French typography is a third of a page's cost). Kept in one
file, PAGE_WRITER_CACHE, set by the preview only; keyed by the page's HTML
and by the filters' names, so that a change in either is read as new.
"""

import hashlib
import pickle
from pathlib import Path

# This build's file, what it held, and what this process used: key -> HTML,
# or None for a page found in `known` (what a worker sends back is small).
_memory = {"path": None, "filters": (), "known": {}, "used": {}}


def load(path, filters):
    _memory.update(path=path, filters=tuple(filters), known={}, used={})
    if path and Path(path).is_file():
        try:
            names, known = pickle.loads(Path(path).read_bytes())  # noqa: S301 (our own file, in .cache/)
        except (OSError, pickle.PickleError, EOFError, ValueError):
            return
        if names == _memory["filters"]:
            _memory["known"] = known


def filtered(html, filters):
    """`html` through every filter, or as it came out of them last time."""
    if _memory["path"] is None:
        return _apply(html, filters)
    key = hashlib.blake2b(html.encode("utf-8"), digest_size=16).digest()
    known = _memory["known"].get(key)
    _memory["used"][key] = None if known is not None else _apply(html, filters)
    return known if known is not None else _memory["used"][key]


def take_used():
    """What this process used since the last call (a worker sends it back)."""
    used, _memory["used"] = _memory["used"], {}
    return used


def keep(used):
    """In the build's process: what a worker used."""
    _memory["used"].update(used)


def save():
    """Keep, for the next build, the pages this build used, and only those."""
    path = _memory["path"]
    if not path:
        return
    pages = {key: html if html is not None else _memory["known"][key] for key, html in _memory["used"].items()}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(pickle.dumps((_memory["filters"], pages), protocol=pickle.HIGHEST_PROTOCOL))


def _apply(html, filters):
    for function in filters.values():
        html = function(html)
    return html

"""The preview's memory of the link check: a page whose bytes are those it
had at the last build has the links, ids and images it had then, without
being parsed again; and the problems and external links it had then, without
being checked again, while the rest of the site is unchanged (links.py's
site_key). Kept in one file, LINK_CHECK_CACHE, set by the preview only, with
only the pages of the last build.
"""

import hashlib
import pickle
from pathlib import Path


def key(data):
    return hashlib.blake2b(data, digest_size=16).digest()


EMPTY = {"pages": {}, "checked": {}}


def load(path):
    """{"pages": {page key: PageLinks}, "checked": {(page key, site key):
    (problems, external links)}} from the last build, or both empty."""
    if not path or not Path(path).is_file():
        return EMPTY
    try:
        kept = pickle.loads(Path(path).read_bytes())  # our own file, in .cache/
    except (OSError, pickle.PickleError, EOFError, ValueError, AttributeError):
        return EMPTY
    return kept if isinstance(kept, dict) and set(kept) == set(EMPTY) else EMPTY


def save(path, kept):
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))

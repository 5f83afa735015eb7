"""The preview's memory of parsed pages: a page whose bytes are those it had
at the last build has the links, ids and images it had then, without being
parsed again. Kept in one file, LINK_CHECK_CACHE, set by the preview only,
with only the pages of the last build.
"""

import hashlib
import pickle
from pathlib import Path


def key(data):
    return hashlib.blake2b(data, digest_size=16).digest()


def load(path):
    """{key: PageLinks} from the last build, or nothing."""
    if not path or not Path(path).is_file():
        return {}
    try:
        return pickle.loads(Path(path).read_bytes())  # our own file, in .cache/
    except (OSError, pickle.PickleError, EOFError, ValueError, AttributeError):
        return {}


def save(path, pages):
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL))

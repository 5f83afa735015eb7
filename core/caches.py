"""Caches that check themselves: what a build keeps in .cache/ is written
atomically (a temporary file, then a rename: a kill never leaves half a file
under the real name) and carries its size and hash, checked when it is read.
A damaged entry (truncated, emptied, overwritten) reads as a miss: it is made
again, never published, never fatal.

- CheckedBytecodeCache: Jinja's compiled templates (.cache/jinja), on
  Jinja's public BytecodeCache API.
- write_checked / read_checked: a file and its size and hash in one.
- seal / is_sealed / read_sealed: a file written by someone else (Pillow
  writes the pictures of .cache/images) and its record beside it.
- drop_damaged_pickles: Pelican's own content cache (.cache/apercu), which
  is Pelican's to write and read, looked over before a build.
"""

import gzip
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from jinja2 import BytecodeCache

# The first line of a checked file: this mark, the payload's size and SHA-256.
MARK = b"checked-cache-1"
# What a sealed file's record is named after: the file's name plus this.
RECORD = ".sum"


def digest(data):
    return hashlib.sha256(data).hexdigest()


def key(*parts):
    """The SHA-256 of text or bytes parts, each length-prefixed so that no
    two sets of parts collide: a cache entry's name from what it is made of."""
    summed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        summed.update(f"{len(data)}:".encode())
        summed.update(data)
    return summed.hexdigest()


def place(kept, target):
    """A file of a cache put into the site: a second name for the same file
    (nothing is copied), or a copy where the two folders are on different
    disks. Safe because neither is ever written in place: a cache entry is
    replaced by a rename, and the site's file is only read once written."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(kept, target)
    except OSError:
        shutil.copyfile(kept, target)


def write_atomically(path, data):
    """`data` at `path`, whole or not at all: written under a temporary name
    in the same folder, then renamed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_checked(path, data):
    """`data` at `path` after a line with its size and hash."""
    write_atomically(path, b"%s %d %s\n" % (MARK, len(data), digest(data).encode()) + data)


def read_checked(path):
    """The data write_checked() put at `path`, or None when the file is
    missing or is not whole (then it is removed, to be written again)."""
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return None
    header, _, data = raw.partition(b"\n")
    if header == b" ".join([MARK, str(len(data)).encode(), digest(data).encode()]):
        return data
    Path(path).unlink(missing_ok=True)
    return None


def _record(path):
    return Path(path).with_name(Path(path).name + RECORD)


def seal(path):
    """Record the size and hash of the file at `path` beside it, once the
    file is whole (after its atomic write)."""
    data = Path(path).read_bytes()
    write_atomically(_record(path), f"{len(data)} {digest(data)}\n".encode())


def _recorded(path):
    """(size, hash) recorded for `path`, or None."""
    try:
        size, hashed = _record(path).read_text(encoding="ascii").split()
        return int(size), hashed
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def is_sealed(path):
    """Whether `path` exists, has a record and the size it records: a
    stat, cheap enough for every build; read_sealed() checks the hash."""
    recorded = _recorded(path)
    try:
        return recorded is not None and Path(path).stat().st_size == recorded[0]
    except OSError:
        return False


def read_sealed(path):
    """The bytes of `path` if they are those its record describes; else None,
    and the file and its record are removed (to be made again)."""
    recorded = _recorded(path)
    try:
        data = Path(path).read_bytes()
    except OSError:
        data = None
    if recorded is not None and data is not None and (len(data), digest(data)) == recorded:
        return data
    forget(path)
    return None


def forget(path):
    """Remove a cache file and its record."""
    Path(path).unlink(missing_ok=True)
    _record(path).unlink(missing_ok=True)


class CheckedBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache in a folder, each entry checked when read: a
    damaged file is compiled again instead of stopping the build with an
    UnpicklingError (FileSystemBytecodeCache trusts what it reads)."""

    def __init__(self, directory):
        self.directory = Path(directory)

    def path_for(self, bucket):
        return self.directory / f"{bucket.key}.bytecode"

    def load_bytecode(self, bucket):
        data = read_checked(self.path_for(bucket))
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # whole but unreadable (another Jinja's): a miss, compiled again
            bucket.reset()

    def dump_bytecode(self, bucket):
        try:
            write_checked(self.path_for(bucket), bucket.bytecode_to_string())
        except OSError:  # a cache that cannot be written only costs time
            pass

    def clear(self):
        for path in self.directory.glob("*.bytecode"):
            path.unlink(missing_ok=True)


def pickle_is_whole(path):
    """Whether the file at `path` is a complete pickle, gzipped as Pelican
    writes its cache, or not: a gzip stream is read to its end, where its
    CRC and length are checked (a cut or altered file fails); the pickle
    must then start with its protocol and end with its STOP opcode. Nothing
    is unpickled (no class is imported), and a cache of a thousand pages is
    checked in a few tens of milliseconds."""
    first = last = b""
    try:
        with open(path, "rb") as raw:
            zipped = raw.read(2) == b"\x1f\x8b"
        with (gzip.open if zipped else open)(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                first, last = first or block[:1], block[-1:]
    except Exception:  # whatever the damage: not whole
        return False
    return first == b"\x80" and last == b"."


def drop_damaged_pickles(folder):
    """Remove each file of `folder` that is not a whole pickle (a cache cut
    by a kill): the build that follows reads their content again. The paths
    removed."""
    dropped = []
    for path in sorted(Path(folder).iterdir()) if Path(folder).is_dir() else []:
        if path.is_file() and not pickle_is_whole(path):
            path.unlink(missing_ok=True)
            dropped.append(path)
    return dropped

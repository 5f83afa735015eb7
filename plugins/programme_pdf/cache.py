"""Programmes kept between builds, by the hash of what each is made of (its
HTML, the stylesheet, the fonts, the renderer): an unchanged offer costs a
hash and a copy, never a layout.

An entry is the PDF and, beside it, its size and SHA-256: both are checked
before it is used, so a file cut short by a crash or changed by hand is made
again. Both are written to a temporary name and renamed into place.
"""

import importlib.metadata
import json
import subprocess
from pathlib import Path

from core.caches import digest, write_atomically

# What the programme is made with, in every cache key: another WeasyPrint (or
# pydyf, which writes its PDF) lays it out another way. Read from the installed
# packages: a warm build does not import WeasyPrint (seconds on a busy machine).
RENDERER = " ".join(f"{name} {importlib.metadata.version(name)}" for name in ("weasyprint", "pydyf", "tinycss2"))
OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
# The font families programme.css asks for: their files are part of the key.
FONT_FAMILIES = ("DejaVu Sans",)


def font_fingerprint(families=FONT_FAMILIES):
    """Each font file fontconfig has for `families`, with its size and date:
    a font upgraded by the system makes every programme again."""
    lines = []
    for family in families:
        try:
            listed = subprocess.run(["fc-list", "-f", "%{file}\n", family], capture_output=True, text=True,
                                    timeout=10, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            listed = ""
        for name in sorted(set(listed.split("\n")) - {""}):
            stat = Path(name).stat()
            lines.append(f"{name} {stat.st_size} {stat.st_mtime_ns}")
    return "\n".join(lines)


def read_entry(folder, key):
    """The PDF kept under `key`, or None when there is none or it is not whole."""
    pdf, sums = Path(folder) / f"{key}.pdf", Path(folder) / f"{key}.json"
    try:
        expected = json.loads(sums.read_text(encoding="utf-8"))
        if pdf.stat().st_size != expected["size"]:
            return None
        data = pdf.read_bytes()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data if digest(data) == expected.get("sha256") else None


def write_entry(folder, key, data):
    """Keep `data` under `key`: the PDF first, then its sums (an entry without them is no entry)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / f"{key}.pdf", data)
    sums = {"size": len(data), "sha256": digest(data)}
    write_atomically(folder / f"{key}.json", json.dumps(sums).encode())


def entry_path(folder, key):
    return Path(folder) / f"{key}.pdf"


# The key of each programme of the last build, by what its HTML is made of
# (core/inputs.py): a rebuild renders the HTML only of the offers whose
# inputs changed. One file, rewritten by each build: it never grows.
LAST_KEYS = "dernieres-cles.json"


def last_keys(folder):
    """{inputs: key} of the last build's programmes; {} when unreadable."""
    try:
        keys = json.loads((Path(folder) / LAST_KEYS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return keys if isinstance(keys, dict) else {}


def remember_keys(folder, keys):
    write_atomically(Path(folder) / LAST_KEYS, json.dumps(keys).encode())

"""core/inputs.py: a fingerprint changes whenever what it sums up changes,
and stays the same when only where the build writes, or the process, does."""

import datetime
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from core.inputs import document_digest, files_digest, plain, settings_digest

SETTINGS = {"SITENAME": "Rêver tout haut", "OUTPUT_PATH": "/tmp/a", "MENUITEMS": [("Accueil", "/")],
            "ORGANISATION": {"email": None}, "JINJA_FILTERS": {"tel": len}}


@pytest.mark.parametrize(("change", "same"), [
    ({"OUTPUT_PATH": "/tmp/b"}, True),  # where the build writes
    ({"PAGE_CACHE_PATH": "/tmp/cache"}, True),
    ({"SITENAME": "Autre"}, False),
    ({"MENUITEMS": [("Accueil", "/"), ("Contact", "/contact/")]}, False),
    ({"ORGANISATION": {"email": "contact@exemple.org"}}, False),
    ({"NEW_SETTING": 1}, False),
])
def test_settings_digest(change, same):
    assert (settings_digest({**SETTINGS, **change}) == settings_digest(SETTINGS)) is same


def test_a_setting_that_is_code_counts_by_its_type_in_every_process():
    """A function's repr holds its address: the same settings give the same
    fingerprint in another process."""
    code = ("import sys; sys.path.insert(0, '.'); from core.inputs import settings_digest; "
            "print(settings_digest({'JINJA_FILTERS': {'tel': len, 'f': lambda x: x}, 'S': {'c', 'a', 'b'}}))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1


@pytest.mark.parametrize(("value", "expected"), [
    ({1, 3, 2}, ["1", "2", "3"]),
    (datetime.date(2026, 12, 2), "datetime.date(2026, 12, 2)"),
    (len, "<built-in function len>"),
    (lambda: None, "function"),
])
def test_plain(value, expected):
    assert plain(value) == expected


def test_files_digest_sees_a_change_and_skips_what_it_is_told(tmp_path):
    (tmp_path / "images").mkdir()
    picture, page = tmp_path / "images" / "a.jpg", tmp_path / "page.md"
    picture.write_bytes(b"1")
    page.write_text("texte")
    before = files_digest([tmp_path], skip={str(page)})
    page.write_text("autre texte, plus long")
    assert files_digest([tmp_path], skip={str(page)}) == before
    picture.write_bytes(b"22")
    assert files_digest([tmp_path], skip={str(page)}) != before
    (tmp_path / "images" / "b.jpg").write_bytes(b"3")
    assert files_digest([tmp_path]) != files_digest([tmp_path], skip={str(tmp_path / "images" / "b.jpg")})


def document(path, **metadata):
    return SimpleNamespace(source_path=str(path), metadata=metadata, status="published", date=None)


def test_document_digest_reads_the_text_only_when_asked(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\nTexte.\n")
    first = document(path, title="A")
    without, with_body = document_digest(first), document_digest(first, body=True)
    path.write_text("---\ntitle: A\n---\nAutre texte.\n")
    assert document_digest(first) == without
    assert document_digest(first, body=True) != with_body
    assert document_digest(document(path, title="B")) != without
    updated = document(path, title="A")
    updated.updated = datetime.date(2026, 12, 1)  # an offer's date from git
    assert document_digest(updated) != without

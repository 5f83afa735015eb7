"""Documents editors attach (plugins/attachments): the PDFs of
content/documents/ published under /documents/ without their metadata,
linked with {static}; anything else refused in French, naming the file."""

import io

import pytest
from attachments import check_and_strip
from pypdf import PdfReader, PdfWriter

from conftest import build_files

SECRET = {"/Author": "Jeanne Secrète", "/Creator": "Traitement de texte 12", "/Producer": "Convertisseur 3",
          "/CreationDate": "D:20260101120000", "/Title": "brouillon v3 final"}
LINKED = "---\ntitle: Documents\n---\n\n[La plaquette (PDF)]({static}/documents/plaquette.pdf)\n"


def pdf_bytes(metadata=SECRET, password=None):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata(metadata)
    writer.xmp_metadata = None
    if password:
        writer.encrypt(password)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def build(tmp_path, files, options=()):
    """build_files() with binary files too (bytes are written as they are)."""
    for name, data in files.items():
        if isinstance(data, bytes):
            path = tmp_path / "content" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return build_files(tmp_path, {name: text for name, text in files.items() if isinstance(text, str)}, options)


def test_a_linked_pdf_is_published_without_its_metadata(tmp_path):
    result, said = build(tmp_path, {"documents/plaquette.pdf": pdf_bytes(), "pages/documents.md": LINKED})
    assert result.returncode == 0, said
    published = tmp_path / "output" / "documents" / "plaquette.pdf"
    reader = PdfReader(published)
    assert len(reader.pages) == 1
    assert not reader.metadata
    assert "/Metadata" not in reader.trailer["/Root"]
    assert b"Jeanne" not in published.read_bytes()
    page = (tmp_path / "output" / "documents" / "index.html").read_text(encoding="utf-8")
    assert 'href="/documents/plaquette.pdf"' in page
    assert b"Jeanne" in (tmp_path / "content" / "documents" / "plaquette.pdf").read_bytes()  # the original is kept


@pytest.mark.parametrize(("name", "data", "said"), [
    ("documents/programme.docx", b"PK\x03\x04 word", "ce type de fichier n’est pas publié"),
    ("documents/outil.exe", b"MZ\x90\x00", "ce type de fichier n’est pas publié"),
    ("documents/Programme.PDF", pdf_bytes(), "s’écrit en minuscules : renommez le fichier « Programme.pdf »"),
    ("documents/mon programme.pdf", pdf_bytes(), "renommez-le avec des lettres sans accent"),
    ("documents/faux.pdf", b"<html>pas un PDF</html>", "n’est pas un PDF, malgré son nom"),
    ("documents/abime.pdf", b"%PDF-1.7\n<< /Type /Catalog", "ce PDF ne peut pas être lu"),
    ("documents/secret.pdf", pdf_bytes(password="motdepasse"), "protégé par un mot de passe"),
])
def test_anything_but_a_plain_pdf_is_refused_in_french_naming_the_file(tmp_path, name, data, said):
    result, output = build(tmp_path, {name: data})
    assert result.returncode == 1
    assert f"content/{name} : " in output and said in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "output").exists() or not (tmp_path / "output" / name).exists()


def test_a_document_too_big_is_refused(tmp_path):
    result, output = build(tmp_path, {"documents/gros.pdf": pdf_bytes()}, options=["-e", "ATTACHMENTS_MAX_BYTES=300"])
    assert result.returncode == 1
    assert "content/documents/gros.pdf : le fichier pèse" in output and "ATTACHMENTS_MAX_BYTES" in output


def test_a_link_to_a_missing_document_stops_the_build(tmp_path):
    result, output = build(tmp_path, {"pages/documents.md": LINKED})
    assert result.returncode == 1
    assert "content/pages/documents.md" in output and "documents/plaquette.pdf" in output


def test_a_root_link_to_a_document_is_told_to_use_static(tmp_path):
    page = "---\ntitle: Documents\n---\n\n[La plaquette](/documents/plaquette.pdf)\n"
    result, output = build(tmp_path, {"documents/plaquette.pdf": pdf_bytes(), "pages/documents.md": page})
    assert result.returncode == 1
    assert "content/pages/documents.md, ligne 5" in output
    assert "« {static}/documents/plaquette.pdf » (le fichier lui-même)" in output


def test_stripping_keeps_the_pages_and_drops_xmp(tmp_path):
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(300, 400)
    writer.add_metadata(SECRET)
    writer.xmp_metadata = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
                           b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                           b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jeanne</dc:creator>'
                           b'</rdf:Description></rdf:RDF></x:xmpmeta>')
    path = tmp_path / "x.pdf"
    with path.open("wb") as file:
        writer.write(file)
    assert b"Jeanne" in path.read_bytes()
    data, problems = check_and_strip(path, 10_000_000)
    assert problems == []
    assert b"Jeanne" not in data and b"Traitement" not in data
    assert len(PdfReader(io.BytesIO(data)).pages) == 3

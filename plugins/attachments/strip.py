"""A document an editor attached, checked and stripped of what it says about
its author: the PDF's information dictionary (author, creator, producer,
dates, title as the software filled it) and its XMP metadata, the
document's and each page's. The pages themselves are copied as they are.

Checked against an allow-list: a PDF (by its name and its first bytes), a
plain file name, a bounded size, not encrypted.
"""

import io
import re

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

# A name that reads well in an address: letters, digits, dots, dashes, underscores.
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
KINDS = {".pdf": b"%PDF-"}


def problems_of_name(path, relative, settings):
    """What is wrong with the file's kind, name or place, in French; [] when nothing."""
    suffix = relative.suffix
    if suffix.lower() in KINDS and suffix not in KINDS:
        return [f"l’extension « {suffix} » s’écrit en minuscules : renommez le fichier « {relative.stem}{suffix.lower()} »."]
    if suffix not in KINDS:
        kinds = ", ".join(f"« {kind} »" for kind in KINDS)
        return [f"ce type de fichier n’est pas publié ; le dossier content/{settings['ATTACHMENTS_PATH']}/ accueille "
                f"les documents {kinds} (un programme, une plaquette). Enregistrez-le en PDF, ou retirez-le ; "
                "une image se range dans content/images/."]
    if len(relative.parts) - 1 > settings["ATTACHMENTS_MAX_DEPTH"]:
        return [f"le fichier est rangé trop profond ({settings['ATTACHMENTS_MAX_DEPTH']} dossiers au plus) : "
                "rapprochez-le du dossier des documents."]
    bad = [part for part in relative.parts if not NAME.match(part)]
    if bad:
        return [f"le nom « {bad[0]} » contient des espaces, des accents ou des signes qui gêneraient son adresse : "
                "renommez-le avec des lettres sans accent, des chiffres et des tirets, par exemple "
                "« programme-2027.pdf »."]
    return []


def check_and_strip(path, max_bytes):
    """(stripped bytes, problems): the PDF at `path` without its metadata, or None and why not."""
    size = path.stat().st_size
    if size > max_bytes:
        return None, [f"le fichier pèse {size / 1e6:.1f} Mo, plus que les {max_bytes / 1e6:.0f} Mo permis "
                      "(réglage ATTACHMENTS_MAX_BYTES) : réduisez-le (« Exporter en PDF », qualité « écran »), "
                      "ou coupez-le en deux."]
    data = path.read_bytes()
    if not data.startswith(KINDS[path.suffix]):
        return None, ["ce fichier n’est pas un PDF, malgré son nom : enregistrez le document en PDF depuis "
                      "son logiciel (« Exporter en PDF »)."]
    try:
        return strip_pdf(data), []
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        return None, [f"ce PDF ne peut pas être lu ({type(error).__name__}) : enregistrez-le de nouveau "
                      "depuis son logiciel (« Exporter en PDF »)."]
    except _Encrypted:
        return None, ["ce PDF est protégé par un mot de passe : enregistrez-le sans protection pour le publier."]


class _Encrypted(Exception):
    pass


def strip_pdf(data):
    """The PDF `data` without its information dictionary and XMP metadata."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise _Encrypted
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None
    for holder in [writer.root_object, *writer.pages]:
        for key in ("/Metadata", "/PieceInfo"):
            if key in holder:
                del holder[key]
    # What no longer hangs from the document (the XMP streams just unlinked) is not written.
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()

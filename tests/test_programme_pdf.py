"""The programme PDF of each offer (plugins/programme_pdf) and the date of
its information (plugins/offers/updated.py), on small sites built in tmp:
each PDF is read back with pypdf and checked against the offer's file.

The dates come from a git repository made here, with commits dated on
purpose: the real content/ and its history are never looked at.
"""

import datetime
import json
import math
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from programme_pdf import render_pdf
from programme_pdf.cache import read_entry, write_entry
from pydantic import ValidationError
from pypdf import PdfReader

from conftest import GOOD, offer_text, pelican_build, write_content
from core.caches import key as cache_key
from core.messages import explain_all
from core.schemas import Offer
from offers import committed_dates

COMMITTED_AT = "2026-10-03T23:30:00+00:00"  # the 4th of October in Paris
WRITTEN = {**GOOD, "title": "Écrire ce qu’on vit", "modified": datetime.date(2026, 11, 5), "order": 1,
           "prerequisites": "Aucun.", "accessibility": "Salle de plain-pied ; dites-nous vos besoins."}
ON_QUOTE = {**GOOD, "title": "Groupe Balint sur devis", "price": {"on_quote": True}, "order": 2}
NEW = {**GOOD, "title": "Atelier pas encore enregistré", "order": 3}
# file name -> (front matter, expected price text, expected date text or None)
OFFERS = {
    "ecrire": (WRITTEN, "300 € par séance", "5 novembre 2026"),
    "balint": (ON_QUOTE, "Sur devis", "4 octobre 2026"),
    "nouveau": (NEW, "300 € par séance", None),
}


def git(folder, *arguments, date=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "t@example.org", **({"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date} if date else {})}
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True, env=env)


def flat(text):
    """Text as compared: every kind of space as one plain space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def pdf_text(path):
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


def structure_roles(node):
    """Every role (/S) in a PDF's structure tree."""
    node = node.get_object()
    roles = {str(node["/S"])} if "/S" in node else set()
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if isinstance(kid, dict):
            roles |= structure_roles(kid)
    return roles


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A small site in a git repository: two offers committed on COMMITTED_AT,
    then a third one added, not committed."""
    root = tmp_path_factory.mktemp("programmes")
    content = root / "content"
    write_content(content, {f"ateliers/{name}.md": offer_text(data) for name, (data, *_rest) in OFFERS.items()
                            if name != "nouveau"})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Ateliers", date=COMMITTED_AT)
    (content / "ateliers" / "nouveau.md").write_text(offer_text(NEW), encoding="utf-8")
    result = pelican_build(content, root / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def page(built, url):
    return BeautifulSoup((built / "output" / url / "index.html").read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("name", list(OFFERS))
def test_each_pdf_says_the_offers_facts(built, name):
    data, price, day = OFFERS[name]
    text = pdf_text(built / "output" / "ateliers" / f"{name}.pdf")
    for fact in [data["title"], price, data["audience"], *data["objectives"], data["method"],
                 data["modalities"]["frequency"], "2 h", "6 à 10 personnes", "Rêver tout haut"]:
        assert flat(fact) in text, fact
    if day:
        assert f"Informations mises à jour le {day}" in text
    else:
        assert "mises à jour" not in text
    # A fact the offer gives is said; one it does not give is not invented.
    for field, label in (("prerequisites", "Prérequis :"), ("accessibility", "Accessibilité :")):
        if field in data:
            assert f"{label} {flat(data[field])}" in text
        else:
            assert label not in text


@pytest.mark.parametrize("name", list(OFFERS))
def test_each_pdf_is_a4_at_most_two_pages_tagged_with_its_metadata_and_fonts_embedded(built, name):
    reader = PdfReader(built / "output" / "ateliers" / f"{name}.pdf")
    assert 1 <= len(reader.pages) <= 2
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}
    assert OFFERS[name][0]["title"] in flat(reader.metadata.title)
    assert reader.metadata.author == "Rêver tout haut"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "fr"
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog
    assert "pdfuaid" in catalog["/Metadata"].get_object().get_data().decode()
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    # Tagged as the page is built: a heading for the title, headed sections, lists, a table with its headers.
    assert {"/Document", "/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD"} <= structure_roles(catalog["/StructTreeRoot"])
    descriptors = []
    for pdf_page in reader.pages:
        for font in pdf_page["/Resources"]["/Font"].values():
            font = font.get_object()
            for part in font.get("/DescendantFonts", [font]):
                descriptors.append(part.get_object()["/FontDescriptor"].get_object())
    assert descriptors
    assert all({"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor) for descriptor in descriptors)


@pytest.mark.parametrize("name", list(OFFERS))
def test_the_offer_page_links_to_its_programme_with_its_size_and_says_its_date(built, name):
    data, _price, day = OFFERS[name]
    soup = page(built, f"ateliers/{name}")
    link = soup.select_one("a[href$='.pdf']")
    size = (built / "output" / "ateliers" / f"{name}.pdf").stat().st_size
    assert link["href"] == f"/ateliers/{name}.pdf"
    assert flat(link.get_text()) == f"Télécharger le programme (PDF, {math.ceil(size / 1024)} Ko)"
    updated = soup.select_one(".updated")
    ld = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    if day:
        assert flat(updated.get_text()) == f"Informations mises à jour le {day}"
        assert ld["subjectOf"] == {"@type": "WebPage", "dateModified": updated.time["datetime"]}
    else:
        assert updated is None and "subjectOf" not in ld


def test_the_comparison_links_to_each_programme(built):
    links = page(built, "ateliers/comparatif").select(".programmes a")
    assert sorted(link["href"] for link in links) == sorted(f"/ateliers/{name}.pdf" for name in OFFERS)
    assert all(flat(link.get_text()).startswith("Télécharger le programme « ") for link in links)


def test_the_sitemap_gives_each_offers_date_never_the_builds(built):
    tree = ET.parse(built / "output" / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
               for url in tree.getroot().findall("s:url", ns)}
    assert lastmod["/ateliers/ecrire/"] == "2026-11-05"
    assert lastmod["/ateliers/balint/"] == "2026-10-04"
    assert lastmod["/ateliers/nouveau/"] is None
    assert datetime.date.today().isoformat() not in lastmod.values()


def test_an_unchanged_programme_is_not_made_again_and_a_changed_price_is(tmp_path):
    content = tmp_path / "content"
    write_content(content, {"ateliers/a.md": offer_text({**GOOD, "title": "Atelier A"}),
                            "ateliers/b.md": offer_text({**GOOD, "title": "Atelier B"})})
    assert pelican_build(content, tmp_path / "output").returncode == 0
    cache = tmp_path / ".cache" / "programmes"
    entries = {path: (path.stat().st_ino, path.stat().st_mtime_ns) for path in cache.glob("*.pdf")}
    assert len(entries) == 2
    changed = {**GOOD, "title": "Atelier A", "price": {"amount": 425, "currency": "EUR", "unit": "per_group"}}
    (content / "ateliers" / "a.md").write_text(offer_text(changed), encoding="utf-8")
    result = pelican_build(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert "425 € par groupe" in pdf_text(tmp_path / "output" / "ateliers" / "a.pdf")
    assert "300 € par séance" in pdf_text(tmp_path / "output" / "ateliers" / "b.pdf")
    def entry_of(name):
        published = (tmp_path / "output" / "ateliers" / f"{name}.pdf").read_bytes()
        return next(path for path in cache.glob("*.pdf") if path.read_bytes() == published)

    # B's programme is the same file as before, never written again; A's is a new one.
    b = entry_of("b")
    assert entries.get(b) == (b.stat().st_ino, b.stat().st_mtime_ns)
    assert entry_of("a") not in entries


def test_a_damaged_cache_entry_is_made_again(tmp_path):
    content = tmp_path / "content"
    write_content(content, {"ateliers/a.md": offer_text()})
    assert pelican_build(content, tmp_path / "output").returncode == 0
    [entry] = (tmp_path / ".cache" / "programmes").glob("*.pdf")
    whole = entry.read_bytes()
    entry.write_bytes(whole[: len(whole) // 2])
    assert pelican_build(content, tmp_path / "output").returncode == 0
    assert (tmp_path / "output" / "ateliers" / "a.pdf").read_bytes() == whole == entry.read_bytes()


@pytest.mark.parametrize("damage", [lambda data: data[:-10], lambda data: data[:100] + b"X" + data[101:], None])
def test_a_cache_entry_is_used_only_whole(tmp_path, damage):
    key = cache_key("html", "css")
    write_entry(tmp_path, key, b"%PDF-1.7 programme %%EOF")
    if damage:
        path = tmp_path / f"{key}.pdf"
        path.write_bytes(damage(path.read_bytes()) or b"")
        assert read_entry(tmp_path, key) is None
    else:
        assert read_entry(tmp_path, key) == b"%PDF-1.7 programme %%EOF"
    assert not list(tmp_path.glob(".*"))  # no temporary file left


def test_nothing_is_fetched_from_another_host_or_folder(tmp_path):
    allowed = tmp_path / "theme"
    allowed.mkdir()
    (allowed / "point.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    html = ('<html lang="fr"><title>Essai</title><body><p>Texte</p>'
            '<img src="https://example.org/traceur.png" alt="a"><img src="file:///etc/hostname" alt="b">'
            f'<img src="{(allowed / "point.svg").as_uri()}" alt="c"></body></html>')
    pdf, problems = render_pdf(html, "body { font-family: 'DejaVu Sans'; }", [str(allowed)])
    assert pdf.startswith(b"%PDF-")
    said = " ".join(problems)
    assert "https://example.org/traceur.png" in said and "file:///etc/hostname" in said
    assert "point.svg" not in said
    assert all("n’est pas repris dans le programme PDF" in problem for problem in problems)


def test_a_rule_weasyprint_cannot_follow_is_a_problem_not_a_silence(tmp_path):
    _pdf, problems = render_pdf('<html lang="fr"><title>Essai</title><p>Texte</p></html>', "p { colour: red; }",
                                [str(tmp_path)])
    assert len(problems) == 1 and problems[0].startswith("WeasyPrint : ") and "colour" in problems[0]


def test_an_external_picture_in_an_offer_stops_the_build_before_any_pdf(tmp_path):
    content = tmp_path / "content"
    write_content(content, {"ateliers/a.md": offer_text(body="![Un traceur](https://example.org/pixel.png)\n")})
    result = pelican_build(content, tmp_path / "output")
    assert result.returncode == 1
    assert "example.org" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / ".cache" / "programmes").exists()


def test_git_dates_leave_out_files_changed_or_never_committed(tmp_path):
    git(tmp_path, "init", "-q")
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("un\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "un", date="2026-09-01T12:00:00+00:00")
    (tmp_path / "b.md").write_text("deux\n", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "deux", date="2026-09-20T12:00:00+00:00")
    (tmp_path / "a.md").write_text("changé\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("nouveau\n", encoding="utf-8")
    assert committed_dates(tmp_path, "Europe/Paris") == {tmp_path.resolve() / "b.md": datetime.date(2026, 9, 20)}


def test_outside_git_no_date_is_known(tmp_path):
    (tmp_path / "a.md").write_text("un\n", encoding="utf-8")
    assert committed_dates(tmp_path) == {}


@pytest.mark.parametrize(("written", "said"), [
    (datetime.date(2026, 1, 2), None),
    ("2026-01-02", None),
    (datetime.datetime(2026, 1, 2, 10, 30), "écrivez le jour seulement, sans l’heure"),
    ("hier", "la valeur doit être une date, écrite 2026-11-05"),
    (datetime.date.today() + datetime.timedelta(days=30), "est à venir : écrivez le jour où les informations ont changé"),
])
def test_an_update_date_is_a_day_in_the_past_or_told_in_french(written, said):
    try:
        Offer.model_validate({**GOOD, "modified": written})
    except ValidationError as error:
        (problem,) = explain_all(error.errors(), Offer, "content/ateliers/x.md", {("modified",): 9})
        assert said and said in problem.message, problem
        assert (problem.file, problem.line, problem.key) == ("content/ateliers/x.md", 9, "modified")
    else:
        assert said is None

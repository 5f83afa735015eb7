"""A realistic week of editorial changes, applied to a copy of the real
content/: each one builds (the published version, under a sub-path, with
every link checked) and the page shows the change. The edits are written
from the files found, never from today's names, so they keep working
whatever the editors change."""

import json
import re
import shutil
import struct
import zlib

import pytest
from PIL import Image

import pelicanconf
from conftest import (
    CONTENT,
    GOOD,
    PUBLISHED_SITEURL,
    Site,
    as_shown,
    front_matter,
    invoke,
    offer_text,
    pelican_build,
    site_setting,
)
from core.durations import format_duration
from core.prices import format_price
from core.schemas.offer import Price

LABELS = site_setting("OFFERS_UNIT_LABELS")
# The organisation's details once filled in (a value of the editors' choice).
EMAIL = "contact@exemple.org"


def published(folder):
    return [path for path in sorted(folder.glob("*.md")) if front_matter(path).get("status", "published") == "published"]


def url_of(path):
    meta = front_matter(path)
    return f"/{path.parent.name}/{meta.get('slug', path.stem)}/"


class Element(str):
    """What a page must hold, as a CSS selector rather than a text."""


def png(width=2, height=2):
    """A small valid PNG, written without a library."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# -- The edits: each changes a copy of content/ and says what the site must show --
# Each returns (shown, gone): {URL: [texts the page shows]}, [URLs that must no longer exist].

def new_price_and_duration(content):
    """The first offer: its price 10 € higher (or a price, if it was on quote), a session of 2 h."""
    path = published(content / "ateliers")[0]
    meta = front_matter(path)
    amount = (meta["price"].get("amount") or 250) + 10
    text = re.sub(r"^price:\n(?:[ \t]+.*\n)+", f"price:\n  amount: {amount}\n  currency: EUR\n  unit: per_session\n",
                  path.read_text(encoding="utf-8"), count=1, flags=re.M)
    text = re.sub(r"^(\s+)duration: .*$", r'\1duration: "2h"', text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    price = format_price(Price(amount=amount, currency="EUR", unit="per_session"), LABELS)
    return {url_of(path): [as_shown(price), as_shown(format_duration(120))]}, []


def link_targets(line, old, new):
    """A line with the links to `old` (a slug) changed to `new`: in a
    propositions list, a {filename} link, a URL or a relative link."""
    if re.fullmatch(rf"\s*-\s+{re.escape(old)}\s*", line):
        return line.replace(old, new)
    if not any(mark in line for mark in ("href=", "](", "{filename}", "]: ")):
        return line
    return re.sub(rf"(?<=[/\"'(\s]){re.escape(old)}(?=\.md|[/\"')#\s]|$)", new, line)


def renamed_offer(content):
    """The last offer's file renamed, with every reference to it."""
    path = published(content / "ateliers")[-1]
    old = front_matter(path).get("slug", path.stem)
    new = f"{old}-nouveau-nom"
    text = re.sub(r"^slug: .*$", f"slug: {new}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
    path.unlink()
    renamed = path.with_name(f"{path.stem}-nouveau-nom.md")
    renamed.write_text(text.replace(f"/{path.stem}.md", f"/{renamed.stem}.md"), encoding="utf-8")
    for other in content.rglob("*.md"):
        lines = other.read_text(encoding="utf-8").split("\n")
        changed = [link_targets(line, old, new) for line in lines]
        changed = [line.replace(f"/{path.name}", f"/{renamed.name}") for line in changed]
        if changed != lines:
            other.write_text("\n".join(changed), encoding="utf-8")
    return {f"/ateliers/{new}/": [as_shown(front_matter(renamed)["title"], "h1")]}, [f"/ateliers/{old}/"]


def retired_offer(content):
    """An offer retired (the second, or the last): its file deleted, and every
    line that links to it."""
    offers = published(content / "ateliers")
    others = [path for path in offers[1:] if not path.stem.endswith("-nouveau-nom")]
    path = (others or offers)[0]
    slug = front_matter(path).get("slug", path.stem)
    path.unlink()
    for other in content.rglob("*.md"):
        lines = other.read_text(encoding="utf-8").split("\n")
        kept = [line for line in lines if link_targets(line, slug, "\0") == line and f"/{path.name}" not in line]
        if kept != lines:
            other.write_text("\n".join(kept), encoding="utf-8")
    return {}, [f"/ateliers/{slug}/"]


def new_title(content):
    """An offer's title changed: its page and the comparison show the new one."""
    path = published(content / "ateliers")[0]
    title = "Un titre tout neuf pour cet atelier"
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    return {url_of(path): [as_shown(title, "h1")], "/" + site_setting("COMPARISON_URL"): [as_shown(title)]}, []


def new_offer(content):
    """An offer added: its page, and its place in the comparison."""
    title = "Atelier de la semaine"
    (content / "ateliers" / "atelier-de-la-semaine.md").write_text(
        offer_text({**GOOD, "title": title, "order": 99}), encoding="utf-8")
    return {"/ateliers/atelier-de-la-semaine/": [as_shown(title, "h1")],
            "/" + site_setting("COMPARISON_URL"): [as_shown(title)]}, []


def article_replaced(content):
    """The articles retired, a new one in their place, with two pictures written in Markdown."""
    gone = []
    new_link = "{filename}/ressources/la-semaine.md"
    for article in published(content / "ressources"):
        gone.append(url_of(article))
        article.unlink()
        for other in content.rglob("*.md"):
            text = other.read_text(encoding="utf-8")
            if f"/ressources/{article.name}" in text:
                other.write_text(re.sub(rf"\{{filename\}}[^)\s\"']*/ressources/{re.escape(article.name)}", new_link, text),
                                 encoding="utf-8")
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "la-semaine.png").write_bytes(png(800, 600))
    Image.new("RGB", (1600, 1200), (150, 110, 80)).save(content / "images" / "la-salle.jpg", quality=80)
    (content / "ressources" / "la-semaine.md").write_text(
        "---\ntitle: Une semaine à l’atelier\ndate: 2026-12-01\nsummary: Ce que nous avons vécu cette semaine.\n---\n\n"
        "Le récit de la semaine, en quelques lignes.\n\n"
        "![Le groupe réuni autour de la table]({static}/images/la-semaine.png)\n\n"
        "![Une salle claire, les chaises en cercle](/images/la-salle.jpg)\n",
        encoding="utf-8")
    # Written in Markdown, each picture comes out sized, in several formats.
    pictures = [Element(f'picture:has(source[type="image/webp"]) img[alt="{alt}"][width][height][srcset]')
                for alt in ("Le groupe réuni autour de la table", "Une salle claire, les chaises en cercle")]
    return {"/ressources/la-semaine/": ["Le récit de la semaine", *pictures],
            "/ressources/": [as_shown("Une semaine à l’atelier")]}, gone


def home_paragraph(content):
    """A paragraph added at the end of the home page."""
    home = next(path for path in (content / "pages").glob("*.md") if front_matter(path).get("save_as") == "index.html")
    sentence = "Nouveau cette semaine : un groupe ouvre le jeudi soir."
    home.write_text(home.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")
    return {"/": [as_shown(sentence)]}, []


def organisation_email(content):
    """The organisation's email filled in (ORGANISATION in pelicanconf.py)."""
    return {"/contact/": [EMAIL], "/mentions-legales/": [EMAIL]}, []


EDITS = {
    "nouveau tarif et nouvelle durée": new_price_and_duration,
    "atelier renommé": renamed_offer,
    "atelier retiré": retired_offer,
    "titre changé": new_title,
    "nouvel atelier": new_offer,
    "article remplacé, avec une image": article_replaced,
    "paragraphe ajouté à l’accueil": home_paragraph,
    "courriel de l’association": organisation_email,
}


def email_option():
    """The settings as pelicanconf.py has them once the email is written in."""
    return ("-e", f"ORGANISATION={json.dumps({**pelicanconf.ORGANISATION, 'email': EMAIL})}")


@pytest.fixture
def real_content(tmp_path):
    """A copy of today's content/, whatever it holds."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def assert_shown(site, shown, gone):
    for url, texts in shown.items():
        page = site.file_for(url)
        assert page.is_file(), f"{url} n'a pas été publiée"
        visible = " ".join(site.soup(url).get_text(" ").split())
        for text in texts:
            if isinstance(text, Element):
                assert site.soup(url).select_one(text), f"{url} n'a pas l'élément {text}"
            else:
                assert " ".join(text.split()) in visible, f"{url} ne montre pas « {text} »"
    for url in gone:
        assert not site.file_for(url).exists(), f"{url} est encore publiée"


@pytest.mark.parametrize("edit", EDITS)
def test_an_ordinary_edit_publishes(real_content, tmp_path, edit):
    shown, gone = EDITS[edit](real_content)
    options = email_option() if EDITS[edit] is organisation_email else ()
    result = pelican_build(real_content, tmp_path / "output", settings="publishconf.py",
                           env={"SITEURL": PUBLISHED_SITEURL}, options=options)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_shown(Site(tmp_path / "output"), shown, gone)


def test_the_whole_week_passes_make_check(real_content, tmp_path):
    """Every edit on content/ together, then `make check` as the workflow runs
    it: the build, links, HTML and accessibility pass, and the run's summary
    lists the pages added and removed since the published site. (The email
    lives in pelicanconf.py, which the check reads from the repository: its
    edit is built on its own above.)"""
    before = pelican_build(real_content, tmp_path / "publie", settings="publishconf.py", env={"SITEURL": PUBLISHED_SITEURL})
    assert before.returncode == 0, before.stderr
    expected, gone = {}, []
    for edit in EDITS.values():
        if edit is not organisation_email:
            shown, removed = edit(real_content)
            expected.update(shown)
            gone += removed
    expected = {url: texts for url, texts in expected.items() if url not in gone}
    environment = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp_path / "resume.md"),
                   "PUBLISHED_SITE": str(tmp_path / "publie")}
    result = invoke("check", "--content", real_content, "--output", tmp_path / "output", "--siteurl", PUBLISHED_SITEURL,
                    env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout
    assert_shown(Site(tmp_path / "output"), expected, gone)
    written = (tmp_path / "resume.md").read_text(encoding="utf-8")
    assert "tout est correct" in written
    for url in gone:
        assert f"`{url}`" in written.split("**Supprimées**")[1], url
    for url in ("/ateliers/atelier-de-la-semaine/", "/ressources/la-semaine/"):
        assert f"[{url}]({PUBLISHED_SITEURL}{url})" in written.split("**Ajoutées**")[1].split("**Modifiées**")[0], url

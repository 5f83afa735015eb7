"""A realistic week of editorial changes, as a table of edits of a content
folder. Applied together, they make the copy the whole suite is run on, so
that the tests hold for any valid content, not only today's (README):

    .venv/bin/python tests/week_of_edits.py --tests      # a clone, the week, the suite
    .venv/bin/python tests/week_of_edits.py FOLDER       # the week only, on FOLDER

Each edit is written from the files it finds, never from today's names, so
the week keeps working whatever the editors change. Each returns what the
site must then show: ({URL: [texts or Elements]}, [URLs that must be gone]);
tests/test_editorial_week.py builds each one and checks it.
"""

import argparse
import datetime
import json
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The plugins' folder and the core they stand on, as pelicanconf.py puts them.
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]
import yaml  # noqa: E402 (the plugins' folder first)
from PIL import Image  # noqa: E402

from conftest import as_shown, front_matter, site_setting  # noqa: E402
from core.durations import format_duration  # noqa: E402
from core.organisation import read_identity  # noqa: E402
from core.prices import format_price  # noqa: E402
from core.schemas.offer import PLACEHOLDER, Price  # noqa: E402
from core.schemas.reglages import Reglages  # noqa: E402

LABELS = site_setting("OFFERS_UNIT_LABELS")
# The organisation's email once filled in (a value of the editors' choice).
EMAIL = "contact@exemple.org"
# A value of the editors' kind for each réglage (core/schemas/reglages.py),
# written where the file leaves it empty; a key not listed here gets its
# form's label as text.
REGLAGES = {
    "name": "Association d’essai",
    "legal_form": "association loi de 1901",
    "email": EMAIL,
    "phone": "01 23 45 67 89",
    "address": "12, rue de l’Atelier, 75011 Paris",
    "registration": "W751234567",
    "publication_director": "Camille d'Arcy",
    "website": "https://exemple.org",
    "colour": "#2b4c7e",
    "accent_colour": "#8c3a20",
    "logo": "/images/logo-semaine.svg",
}
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
        '<rect width="120" height="40" fill="#1f5f5b"/></svg>\n')
# The suite as `make test` runs it, but for the two files that run make (which
# would install another environment in the copy).
SUITE = ["-n", "auto", "--dist", "worksteal", "--ignore=tests/test_commands.py", "--ignore=tests/test_setup.py"]
# The pages that show each section's values (theme/templates/contact.html, legal.html).
CONTACT_KEYS = ("email", "phone", "address")


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


def free_name(folder, name):
    """`name`, else name-2, name-3…: the first that no file of `folder`
    (nor, for a document, its slug) has yet, so that the week can be
    applied to a copy that had it already. Returns (name, number)."""
    taken = {path.stem for path in folder.glob("*")}
    taken |= {front_matter(path).get("slug", path.stem) for path in folder.glob("*.md")}
    number = 1
    while (f"{name}-{number}" if number > 1 else name) in taken:
        number += 1
    return (f"{name}-{number}" if number > 1 else name), number


def numbered(text, number):
    return text if number == 1 else f"{text} {number}"


def yaml_value(value):
    """A value as the web editor writes it: plain when YAML reads it back
    as the same text, else between double quotes."""
    try:
        if yaml.safe_load(f"key: {value}") == {"key": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def set_field(text, key, value):
    """A front matter's top-level `key` (with its continuation lines) set to `value`."""
    line = f"{key}: {yaml_value(value)}\n"
    pattern = re.compile(rf"^{key}:.*\n(?:[ \t]+.*\n)*", flags=re.M)
    if pattern.search(text):
        return pattern.sub(lambda _: line, text, count=1)
    return text.replace("---\n", f"---\n{line}", 1)


# -- The edits ----------------------------------------------------------------

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
    """An offer's title changed, with both apostrophes editors type (’ and '):
    its page and the comparison show the new one."""
    path = published(content / "ateliers")[0]
    title = "L’atelier d'écoute, un titre tout neuf"
    path.write_text(set_field(path.read_text(encoding="utf-8"), "title", title), encoding="utf-8")
    return {url_of(path): [as_shown(title, "h1")], "/" + site_setting("COMPARISON_URL"): [as_shown(title)]}, []


def new_offer(content):
    """An offer added as editors do: another one's file copied, its title
    and slug changed, the rest (summary, order, text) kept as it was."""
    source = published(content / "ateliers")[0]
    name, number = free_name(content / "ateliers", "atelier-de-la-semaine")
    title = numbered("Atelier de la semaine", number)
    text = set_field(source.read_text(encoding="utf-8"), "title", title)
    if "slug" in front_matter(source):
        text = set_field(text, "slug", name)
    (content / "ateliers" / f"{name}.md").write_text(text, encoding="utf-8")
    return {f"/ateliers/{name}/": [as_shown(title, "h1")],
            "/" + site_setting("COMPARISON_URL"): [as_shown(title)]}, []


def article_replaced(content):
    """The articles retired, a new one in their place, with two pictures written in Markdown."""
    gone = []
    name, number = free_name(content / "ressources", "la-semaine")
    title = numbered("Une semaine à l’atelier", number)
    new_link = f"{{filename}}/ressources/{name}.md"
    for article in published(content / "ressources"):
        gone.append(url_of(article))
        article.unlink()
        for other in content.rglob("*.md"):
            text = other.read_text(encoding="utf-8")
            if f"/ressources/{article.name}" in text:
                other.write_text(re.sub(rf"\{{filename\}}[^)\s\"']*/ressources/{re.escape(article.name)}", new_link, text),
                                 encoding="utf-8")
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / f"{name}.png").write_bytes(png(800, 600))
    Image.new("RGB", (1600, 1200), (150, 110, 80)).save(content / "images" / f"{name}-salle.jpg", quality=80)
    summary = numbered("Ce que nous avons vécu cette semaine", number)
    (content / "ressources" / f"{name}.md").write_text(
        f"---\ntitle: {title}\ndate: {datetime.date.today().isoformat()}\nsummary: {summary}.\n---\n\n"
        "Le récit de la semaine, en quelques lignes.\n\n"
        f"![Le groupe réuni autour de la table]({{static}}/images/{name}.png)\n\n"
        f"![Une salle claire, les chaises en cercle](/images/{name}-salle.jpg)\n",
        encoding="utf-8")
    # Written in Markdown, each picture comes out sized, in several formats.
    pictures = [Element(f'picture:has(source[type="image/webp"]) img[alt="{alt}"][width][height][srcset]')
                for alt in ("Le groupe réuni autour de la table", "Une salle claire, les chaises en cercle")]
    return {f"/ressources/{name}/": ["Le récit de la semaine", *pictures],
            "/ressources/": [as_shown(title)]}, gone


def home_paragraph(content):
    """A paragraph added at the end of the home page."""
    home = next(path for path in (content / "pages").glob("*.md") if front_matter(path).get("save_as") == "index.html")
    sentence = "Nouveau cette semaine : un groupe ouvre le jeudi soir."
    home.write_text(home.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")
    return {"/": [as_shown(sentence)]}, []


def fill_reglages(content, wanted):
    """Write `wanted` ({(section, key): value}) in the copy's réglages file,
    each on its key's line as the web editor writes it (a section or key
    the file lacks is added), and the logo's file if one is named; check
    the file as the build does. Returns what the site then shows."""
    path = content / "reglages.yml"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for (section, key), value in wanted.items():
        start = next((index for index, line in enumerate(lines) if line == f"{section}:"), None)
        if start is None:
            lines.append(f"{section}:")
            start = len(lines) - 1
        end = next((index for index in range(start + 1, len(lines)) if not lines[index].startswith(" ")), len(lines))
        line = f"  {key}: {yaml_value(value)}"
        at = next((index for index in range(start + 1, end) if lines[index].startswith(f"  {key}:")), None)
        if at is None:
            lines.insert(end, line)
        else:
            lines[at] = line
        if key == "logo":
            (content / "images").mkdir(exist_ok=True)
            (content / "images" / Path(value).name).write_text(LOGO, encoding="utf-8")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read_identity(path)
    return reglages_shown(wanted), []


def reglages_shown(wanted):
    """Where the site shows each value: the legal notice the association's
    and the host's, the contact page the ways to reach the association,
    every page the colours' stylesheet and the logo."""
    shown = {}
    for (section, key), value in wanted.items():
        if key in ("colour", "accent_colour"):
            shown.setdefault("/", []).append(Element('link[rel="stylesheet"][href$="theme/css/identite.css"]'))
        elif key == "logo":
            shown.setdefault("/", []).append(Element(f'img.site-logo[src$="theme/logo{Path(value).suffix}"]'))
        else:
            if section == "organisation" and key in CONTACT_KEYS:
                shown.setdefault("/contact/", []).append(as_shown(value))
            if key != "phone":
                shown.setdefault("/mentions-legales/", []).append(as_shown(value))
    return shown


def organisation_email(content):
    """The organisation's email filled in."""
    return fill_reglages(content, {("organisation", "email"): EMAIL})


def empty_reglages(content):
    """(section, key) of each réglage the copy's file leaves unknown: empty,
    absent or the model's « À compléter »."""
    path = content / "reglages.yml"
    written = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {}
    empty = []
    for section, field in Reglages.model_fields.items():
        values = written.get(section) or {}
        for key in field.annotation.model_fields:
            value = values.get(key)
            if value is None or not str(value).strip() or str(value).strip().casefold() == PLACEHOLDER.casefold():
                empty.append((section, key))
    return empty


def every_reglage(content):
    """Every réglage the file leaves unknown filled in, with a value of the
    editors' kind (REGLAGES): the association's details, the host's, the
    colours and a logo."""
    fields = {section: field.annotation.model_fields for section, field in Reglages.model_fields.items()}
    wanted = {(section, key): REGLAGES.get(key, f"{fields[section][key].title} d’essai")
              for section, key in empty_reglages(content)}
    return fill_reglages(content, wanted)


EDITS = {
    "nouveau tarif et nouvelle durée": new_price_and_duration,
    "atelier renommé": renamed_offer,
    "atelier retiré": retired_offer,
    "titre changé, avec des apostrophes": new_title,
    "nouvel atelier copié d’un autre": new_offer,
    "article remplacé, avec deux images": article_replaced,
    "paragraphe ajouté à l’accueil": home_paragraph,
    "courriel de l’association": organisation_email,
    "tous les réglages remplis": every_reglage,
}
def apply_week(content):
    """Every edit, one after the other, on the folder `content`."""
    for name, edit in EDITS.items():
        edit(content)
        print(f"- {name}")


def run_suite(pytest_args):
    """The whole suite on a copy of the repository (its last commit) whose
    content/ has had the week: a clone in a temporary folder, sharing
    .venv/ and node_modules/, edited by its own copy of this script. The
    copy is removed if every test passes, else kept for running one again."""
    folder = Path(tempfile.mkdtemp(prefix="semaine-")) / "depot"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True)
    for shared in (".venv", "node_modules"):
        if (ROOT / shared).exists():
            (folder / shared).symlink_to((ROOT / shared).resolve())
    python = str(folder / ".venv" / "bin" / "python")
    subprocess.run([python, str(folder / "tests" / "week_of_edits.py"), str(folder / "content")], check=True)
    tests = subprocess.run([python, "-m", "pytest", "-p", "no:cacheprovider", *(pytest_args or SUITE)], cwd=folder)
    if tests.returncode == 0:
        shutil.rmtree(folder.parent)
    else:
        print(f"La copie modifiée reste dans {folder} : relancez-y un test avec .venv/bin/python -m pytest.")
    return tests.returncode


def main():
    if sys.argv[1:2] == ["--tests"]:
        sys.exit(run_suite(sys.argv[2:]))
    parser = argparse.ArgumentParser(
        description="Applique une semaine de modifications ordinaires à un dossier de contenu, sur place. "
                    "Avec --tests (en premier) : l’applique à une copie du dépôt (son dernier commit), puis y lance "
                    f"tous les tests ; les options qui suivent vont à pytest (sinon : {' '.join(SUITE)}).")
    parser.add_argument("content", type=Path, help="le dossier de contenu à modifier")
    content = parser.parse_args().content.resolve()
    if not (content / "reglages.yml").is_file() or not (content / "ateliers").is_dir():
        parser.error(f"{content} n’est pas un dossier de contenu (reglages.yml, ateliers/)")
    print(f"Une semaine de modifications dans {content} :")
    apply_week(content)


if __name__ == "__main__":
    main()

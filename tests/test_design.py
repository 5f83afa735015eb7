"""The design as a visitor meets it, in Chromium, on the fixture content: on a
phone, a workshop's price, duration and enquiry button without scrolling, the
menu on one line, the comparison's workshops named on every row; on a laptop,
the home's two actions and a workshop above the fold. And the colours and logo
of content/reglages.yml (« appearance: »): what they change, what they refuse."""

import shutil

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURE_CONTENT, pelican_build
from core.appearance import contrast, identity_css, mix, rgb
from core.organisation import read_identity

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
FIXTURE_OFFERS = sorted(f"/ateliers/{path.stem}/" for path in (FIXTURE_CONTENT / "ateliers").glob("*.md"))
COMPARISON = "/ateliers/comparatif/"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def within_screen(box, viewport):
    """The whole box is on the first screen, without scrolling."""
    return (box is not None and box["x"] >= 0 and box["y"] >= 0
            and box["x"] + box["width"] <= viewport["width"] and box["y"] + box["height"] <= viewport["height"])


@pytest.mark.parametrize("url", FIXTURE_OFFERS)
def test_on_a_phone_a_workshop_shows_its_price_duration_and_button_on_the_first_screen(phone, fixture_site_url, url):
    phone.goto(fixture_site_url + url)
    facts = {"Tarif": None, "Durée d’une séance": None}
    for name in facts:
        value = phone.locator(".key-facts div", has=phone.locator("dt", has_text=name)).locator("dd")
        assert value.inner_text().strip(), name
        facts[name] = value.bounding_box()
    button = phone.locator("a.enquiry-button")
    assert button.count() == 1
    facts["bouton"] = button.bounding_box()
    for name, box in facts.items():
        assert within_screen(box, PHONE), f"{url} : « {name} » est hors du premier écran ({box})"
    assert phone.evaluate("scrollY") == 0


@pytest.mark.parametrize("url", ["/", FIXTURE_OFFERS[0], COMPARISON, "/contact/"])
def test_on_a_phone_the_menu_is_one_line(phone, fixture_site_url, url):
    phone.goto(fixture_site_url + url)
    boxes = [item.bounding_box() for item in phone.locator(".site-nav li").all()]
    assert len(boxes) >= 4
    assert len({round(box["y"]) for box in boxes}) == 1, boxes
    assert all(within_screen(box, PHONE) for box in boxes)


def test_on_a_phone_every_row_of_the_comparison_keeps_its_workshop_named(phone, fixture_site_url):
    """Scrolled as a visitor does, to the table, then down it row by row: the
    names of the workshops on screen stay visible above each row, uncovered."""
    phone.goto(fixture_site_url + COMPARISON)
    region = phone.locator(".table-scroll")
    region.evaluate("region => region.scrollIntoView({block: 'start'})")
    names = phone.locator("table.comparison thead th[scope='col']:not(:first-child)")
    rows = phone.locator("table.comparison tbody tr")
    assert rows.count() >= 5 and names.count() >= 2
    for index in range(rows.count()):
        row = rows.nth(index)
        # As a finger scrolls the table: the row just under the header row.
        region.evaluate("(region, row) => { region.scrollTop = row.offsetTop"
                        " - region.querySelector('thead').offsetHeight; }", row.element_handle())
        row_box = row.bounding_box()
        assert row_box["y"] < PHONE["height"], index
        shown = 0
        for column in range(names.count()):
            cell = row.locator("td").nth(column).bounding_box()
            if cell["x"] >= PHONE["width"]:
                continue  # a column further right, not on screen
            shown += 1
            name = names.nth(column)
            box = name.bounding_box()
            assert within_screen({**box, "width": min(box["width"], PHONE["width"] - box["x"])}, PHONE)
            assert box["y"] + box["height"] <= row_box["y"] + 1, f"ligne {index}, colonne {column}"
            # Nothing covers the name: the point at its middle is the name itself.
            x, y = box["x"] + min(box["width"], PHONE["width"] - box["x"]) / 2, box["y"] + box["height"] / 2
            assert name.evaluate("(name, [x, y]) => name.contains(document.elementFromPoint(x, y))", [x, y])
        assert shown >= 1, f"ligne {index} : aucun atelier à l’écran"


def test_on_a_laptop_the_home_shows_its_two_actions_and_a_workshop_above_the_fold(browser, fixture_site_url):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        page.goto(fixture_site_url + "/")
        actions = page.locator(".hero .actions a")
        texts = [text.strip() for text in actions.all_inner_texts()]
        boxes = [link.bounding_box() for link in actions.all()]
        card = page.locator(".home__offers .card").first
        title = card.locator(".card__title").bounding_box()
        width = page.evaluate("document.querySelector('.home').getBoundingClientRect().width")
    finally:
        context.close()
    assert texts == ["Voir nos ateliers", "Demander une proposition"]
    assert all(within_screen(box, LAPTOP) for box in boxes)
    assert within_screen(title, LAPTOP)
    assert width > LAPTOP["width"] * 0.75  # the page's width is used, no empty half


# -- Colours and logo (content/reglages.yml, « appearance: ») -----------------------------

FIXTURE_SETTINGS = """organisation:
  name: Asso
host:
  name: Hébergeur
appearance:
  colour: "#7a2e52"
  accent_colour: "#8a4b00"
  logo:
"""


def test_the_colours_of_the_settings_file_make_the_identity_stylesheet(tmp_path):
    (tmp_path / "reglages.yml").write_text(FIXTURE_SETTINGS, encoding="utf-8")
    appearance = read_identity(tmp_path / "reglages.yml", tmp_path)["APPEARANCE"]
    css = identity_css(appearance)
    assert "--brand: #7a2e52;" in css and "--accent: #8a4b00;" in css
    assert identity_css({"colour": "#1f5f5b", "accent_colour": None}) != identity_css({"colour": "#7a2e52"})
    assert identity_css({"colour": None, "accent_colour": None, "logo": None}) == ""


@pytest.mark.parametrize("colour", ["#1f5f5b", "#7a2e52", "#000000", "#595959"])
def test_an_accepted_colour_reads_on_white_and_on_its_tint(colour):
    css = identity_css({"colour": colour})
    soft = css.split("--brand-soft: ")[1][:7]
    assert contrast(rgb(colour), (255, 255, 255)) >= 4.5
    assert contrast(rgb(colour), rgb(soft)) >= 4.5
    assert rgb(soft) == tuple(round(channel) for channel in mix(rgb(colour), (255, 255, 255), 0.9))


@pytest.mark.parametrize(
    ("value", "field", "words"),
    [
        ("\"rouge\"", "appearance.colour", "n’est pas une couleur"),
        ("\"#12345\"", "appearance.colour", "n’est pas une couleur"),
        ("\"#ffcc00\"", "appearance.colour", "trop claire"),
        ("#1f5f5b", "appearance.colour", "entre guillemets"),
        ("\"#1f5f5b;}body{display:none\"", "appearance.colour", "n’est pas une couleur"),
    ],
    ids=["word", "short", "too-light", "unquoted", "injection"],
)
def test_a_bad_colour_is_named_with_its_file_line_and_field_in_french(tmp_path, value, field, words):
    text = FIXTURE_SETTINGS.replace('colour: "#7a2e52"', f"colour: {value}")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "reglages.yml").write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        read_identity(tmp_path / "content" / "reglages.yml", tmp_path)
    message = str(stop.value.code)
    assert message.startswith(f"content/reglages.yml, ligne 6, champ « Couleur principale ({field}) » : "), message
    assert words in message


@pytest.mark.parametrize(
    ("logo", "files", "words"),
    [
        ("images/absent.svg", {}, "n’existe pas"),
        ("../secret.svg", {}, "SVG ou PNG du dossier content/images/"),
        ("images/logo.gif", {"logo.gif": b"GIF89a"}, "SVG ou PNG"),
        ("images/logo.png", {"logo.png": b"pas une image"}, "PNG lisible"),
        ("images/logo.svg", {"logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}, "ne dit pas sa taille"),
        ("images/logo.svg", {"logo.svg": b"<!DOCTYPE svg [<!ENTITY a 'b'>]><svg viewBox='0 0 1 1'/>"}, "DOCTYPE"),
    ],
    ids=["absent", "outside", "gif", "not-png", "no-size", "doctype"],
)
def test_a_bad_logo_is_named_with_its_line(tmp_path, logo, files, words):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    for name, data in files.items():
        (content / "images" / name).write_bytes(data)
    (content / "reglages.yml").write_text(FIXTURE_SETTINGS.replace("  logo:\n", f"  logo: {logo}\n"), encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        read_identity(content / "reglages.yml", tmp_path)
    message = str(stop.value.code)
    assert message.startswith("content/reglages.yml, ligne 8, champ « Logo (appearance.logo) » : "), message
    assert words in message


def fixture_copy(tmp_path):
    """A copy of the fixture content, whose réglages a test changes."""
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(FIXTURE_CONTENT, content)
    return content


def build_with(tmp_path, appearance):
    """The fixture content with `appearance` in its own reglages.yml, which
    the build reads (plugins/reglages); a logo is in its images/."""
    content = fixture_copy(tmp_path)
    path = content / "reglages.yml"
    reglages = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**reglages, "appearance": appearance}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    result = pelican_build(content, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "lxml")


def test_the_site_loads_the_identity_stylesheet_and_shows_the_logo_only_when_set(tmp_path):
    folder = fixture_copy(tmp_path)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "images" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60"><rect width="200" height="60"/></svg>',
        encoding="utf-8")
    home = build_with(tmp_path, {"colour": "#7a2e52", "accent_colour": None, "logo": "images/logo.svg"})
    sheets = [link["href"] for link in home.select('link[rel="stylesheet"]')]
    assert sheets == ["/theme/css/style.css", "/theme/css/identite.css"]
    assert "--brand: #7a2e52;" in (tmp_path / "site" / "theme" / "css" / "identite.css").read_text(encoding="utf-8")
    logo = home.select_one(".site-name img")
    assert (logo["src"], logo["alt"], logo["width"], logo["height"]) == ("/theme/logo.svg", "Rêver tout haut", "200", "60")
    assert (tmp_path / "site" / "theme" / "logo.svg").is_file()


def test_without_colours_or_logo_the_slot_shows_the_name_and_nothing_more_is_loaded(tmp_path):
    home = build_with(tmp_path, {"colour": None, "accent_colour": None, "logo": None})
    assert [link["href"] for link in home.select('link[rel="stylesheet"]')] == ["/theme/css/style.css"]
    assert home.select_one(".site-name a").get_text(strip=True) == "Rêver tout haut"
    assert not home.select(".site-name img")
    assert not (tmp_path / "site" / "theme" / "css" / "identite.css").exists()


def test_a_png_logo_is_published_without_its_metadata(tmp_path):
    from PIL import Image, PngImagePlugin

    folder = fixture_copy(tmp_path)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Prénom Nom, 12 rue de l’Exemple")
    Image.new("RGB", (120, 40), (31, 95, 91)).save(folder / "images" / "logo.png", pnginfo=info)
    home = build_with(tmp_path, {"colour": None, "accent_colour": None, "logo": "/images/logo.png"})
    logo = home.select_one(".site-name img")
    assert (logo["src"], logo["width"], logo["height"]) == ("/theme/logo.png", "120", "40")
    with Image.open(tmp_path / "site" / "theme" / "logo.png") as published:
        assert published.size == (120, 40) and "Author" not in published.info

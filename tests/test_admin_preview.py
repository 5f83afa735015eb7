"""The web editor's preview is the site: in /admin/, a workshop, an article
and a page are shown with the site's stylesheet and their facts said as the
published page says them (admin/preview.js, its words from the build in
preview.json), redrawn as the editor types; its figures follow the site's
own filters on a table of values."""

import datetime
import itertools
import json
from pathlib import Path

import pytest
from test_web_editor import SAVE_SECONDS, SETTINGS, LocalEditor, admin_in_local_mode, offer_url

from conftest import as_shown, collapse, front_matter, site_setting, visible_text, wait_in_page
from core.dates import french_date
from core.durations import show_duration
from core.prices import format_amount, format_group_size, format_price
from core.schemas.offer import UNDECIDED, GroupSize, Price

LABELS = site_setting("OFFERS_UNIT_LABELS")
READY = "window.sitePreview !== undefined && window.sitePreview.words() !== null"


# -- The rules: the preview's JavaScript against the site's Python -------------------

AMOUNTS = [250, 260, 1000, 1250, 999999, 1234567, 0.5, 12.5, 1.125, 1.375, 2.625, 2.675, 1.005, 0.005,
           0.999, 999.995, 3.14159, 1234.5, 100000.25, 7.0, 1e21, 1.5e22]
PRICES = [{"on_quote": True},
          *({"amount": amount, "currency": "EUR", "unit": unit} for amount, unit in zip(AMOUNTS, itertools.cycle(LABELS))),
          {"amount": 80, "currency": "CHF", "unit": "per_day"}]
NUMBERS = {"min": 2, "ideal": 8, "max": 12}
GROUP_SIZES = [{name: NUMBERS[name] for name in names}
               for count in (1, 2, 3) for names in itertools.combinations(NUMBERS, count)]
DURATIONS = ["1h30", "2h", "2 h", "45 min", "1 h 30 min", "1H05", "90 min", "120 minutes", "1 heure", "2 heures 15",
             "0h", "0 min", " 3h ", "99h59", "999 min", "1h60", UNDECIDED, "une heure", ""]
DATES = ["2026-03-01", "2026-11-21", "2027-08-09"]


@pytest.fixture(scope="module")
def admin(browser, site_url):
    """/admin/ of the real site, its preview's words loaded."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "/admin/")
    wait_in_page(page, READY)
    yield page
    context.close()


def in_preview(admin, function, values):
    return admin.evaluate(f"values => values.map(value => window.sitePreview.{function}(value, window.sitePreview.words()))",
                          values)


def test_amounts_are_written_as_format_amount_writes_them(admin):
    assert in_preview(admin, "formatAmount", AMOUNTS) == [format_amount(amount) for amount in AMOUNTS]


def test_prices_are_said_as_format_price_says_them(admin):
    assert in_preview(admin, "formatPrice", PRICES) == [format_price(Price(**price), LABELS) for price in PRICES]


def test_group_sizes_are_said_as_format_group_size_says_them(admin):
    sizes = [*GROUP_SIZES, UNDECIDED]
    expected = [format_group_size(GroupSize(**size) if isinstance(size, dict) else size) for size in sizes]
    assert in_preview(admin, "formatGroupSize", sizes) == expected


def test_durations_are_shown_as_show_duration_shows_them(admin):
    assert in_preview(admin, "showDuration", DURATIONS) == [show_duration(text.strip()) for text in DURATIONS]


def test_dates_are_written_as_french_date_writes_them(admin):
    expected = [french_date(datetime.date.fromisoformat(text)) for text in DATES]
    assert in_preview(admin, "frenchDate", DATES) == expected


def test_the_words_come_from_the_build(site):
    """preview.json holds the settings' labels and the offer template's facts
    (written in offer.html, or in the macro of macros.html it shares with the programme)."""
    words = json.loads((site.root / "admin" / "preview.json").read_text(encoding="utf-8"))
    assert words["unit_labels"] == LABELS
    text = "".join((Path(SETTINGS["THEME"]) / "templates" / name).read_text(encoding="utf-8")
                   for name in ("offer.html", "macros.html"))
    written = [f"<dt>{fact['label']}</dt>" in text or f'caller("{fact["label"]}"' in text
               for facts in words["facts"].values() for fact in facts]
    assert written and all(written)
    assert {fact["filter"] for facts in words["facts"].values() for fact in facts} >= {"price", "duration", "group_size"}


# -- End to end: the editor's preview beside the built page ---------------------------

class Editor(LocalEditor):
    def __init__(self, repository, page, origin, built):
        super().__init__(repository, page, origin)
        self.built = built

    def open_entry(self, collection, path):
        """The entry's form, opened from its collection's list as an editor
        does, once its preview shows this entry (not the one before)."""
        title = front_matter(path)["title"]
        self.page.goto(f"{self.origin}/admin/#/collections/{collection}")
        self.page.locator(f'a[href$="/collections/{collection}/entries/{path.stem}"]').click()
        frame = self.page.frame_locator("#preview-pane")
        shown = frame.locator("main h1")
        field = self.page.get_by_label("Titre", exact=True)
        for _ in range(SAVE_SECONDS * 20):
            if field.count() and field.input_value() == title and shown.count():
                return frame
            self.page.wait_for_timeout(50)
        raise AssertionError(f"l’éditeur n’a pas ouvert {path.name} avec son aperçu")


@pytest.fixture(scope="module")
def editor(tmp_path_factory, browser):
    """/admin/ in local mode on a copy of the content, beside the site built from it."""
    with admin_in_local_mode(tmp_path_factory.mktemp("apercu"), browser, height=900) as (repository, page, origin, built):
        page.on("dialog", lambda dialog: dialog.accept())  # leave a changed form unsaved
        yield Editor(repository, page, origin, built)


def preview_facts(frame, listing):
    """(label, text) of each fact of a <dl> in the preview, as the site's typography would set them."""
    frame.locator(f"dl.{listing}").first.wait_for()
    rows = frame.locator(f"dl.{listing} > div").evaluate_all(
        "rows => rows.map(row => [row.querySelector('dt').textContent, row.querySelector('dd').textContent])")
    return [(as_shown(collapse(label), "dt"), as_shown(collapse(text), "dd")) for label, text in rows]


def page_facts(soup, listing):
    return [(visible_text(row.dt), visible_text(row.dd)) for row in soup.select(f"dl.{listing} > div")]


def visible_text_of(frame, selector):
    return collapse(frame.locator(selector).first.text_content())


def workshops(content):
    return [path for path in sorted((content / "ateliers").glob("*.md"))
            if front_matter(path).get("status", "published") != "draft"]


def test_each_workshops_preview_shows_the_facts_of_its_page(editor):
    paths = workshops(editor.content)
    assert paths
    for path in paths:
        frame = editor.open_entry("ateliers", path)
        soup = editor.built.soup(offer_url(path, front_matter(path)))
        for listing in ("key-facts", "facts"):
            assert preview_facts(frame, listing) == page_facts(soup, listing), (path.name, listing)
        assert as_shown(visible_text_of(frame, "#tarif p")) == visible_text(soup.select_one("#tarif p")), path.name
        assert as_shown(visible_text_of(frame, "h1"), "h1") == visible_text(soup.h1), path.name


def test_a_new_price_shows_in_the_preview_as_the_site_will_say_it(editor):
    path = workshops(editor.content)[0]
    frame = editor.open_entry("ateliers", path)
    page = editor.page
    if page.get_by_label("Montant", exact=True).count() == 0:  # on quote: the editor switches to an amount
        page.get_by_label("Un montant").check()
        page.get_by_label("Unité").select_option("per_session")
    unit = page.get_by_label("Unité").input_value()
    for amount in (1234.5, 260):
        page.get_by_label("Montant", exact=True).fill(str(amount))
        expected = format_price(Price(amount=amount, currency="EUR", unit=unit), LABELS)
        price = frame.locator(".key-facts__price dd")
        for _ in range(100):  # the preview redraws as the editor types
            if price.text_content() == expected:
                break
            page.wait_for_timeout(50)
        assert price.text_content() == expected
        assert visible_text_of(frame, "#tarif p").startswith(collapse(expected))


def document_url(path):
    """Where the build publishes an article or a page of the copy (pelicanconf.py's URLs)."""
    meta = front_matter(path)
    if "save_as" in meta:
        return "/" + meta["save_as"].removesuffix("index.html")
    prefix = "/ressources/" if path.parent.name == "ressources" else "/"
    return f"{prefix}{meta.get('slug', path.stem)}/"


def test_an_article_is_previewed_as_its_page_with_the_sites_stylesheet(editor):
    article = next(path for path in sorted((editor.content / "ressources").glob("*.md"))
                   if front_matter(path).get("status", "published") == "published")
    frame = editor.open_entry("ressources", article)
    soup = editor.built.soup(document_url(article))
    frame.locator(".article__meta").wait_for()
    assert as_shown(visible_text_of(frame, "h1"), "h1") == visible_text(soup.h1)
    assert as_shown(visible_text_of(frame, ".article__meta")) == visible_text(soup.select_one(".article__meta"))
    stylesheets = frame.locator("link[rel=stylesheet]").evaluate_all("links => links.map(link => link.href)")
    assert f"{editor.origin}/theme/css/style.css" in stylesheets
    # The site's stylesheet applies: the text has the page's font, not the browser's default (Times).
    fonts = [frame.locator(selector).first.evaluate("node => getComputedStyle(node).fontFamily")
             for selector in ("h1", "main")]
    built = editor.built.root / "theme" / "css" / "style.css"
    assert all(font.split(",")[0].strip('"') in built.read_text(encoding="utf-8") for font in fonts)


def test_each_plain_pages_preview_has_its_title_and_summary(editor):
    """Pages with the theme's plain template (no `template` of their own)."""
    paths = [path for path in sorted((editor.content / "pages").glob("*.md"))
             if not {"template", "status"} & set(front_matter(path))]
    assert paths
    for path in paths:
        frame = editor.open_entry("pages", path)
        soup = editor.built.soup(document_url(path))
        frame.locator("main").wait_for()
        assert as_shown(visible_text_of(frame, "h1"), "h1") == visible_text(soup.h1), path.name
        shown = [as_shown(collapse(text)) for text in frame.locator("main > article > p.lede").all_text_contents()]
        assert shown == [visible_text(lede) for lede in soup.select("main > article > p.lede")], path.name


def test_the_preview_is_the_site_even_when_its_words_come_late(editor):
    """preview.json held back until the entry is open: the preview then
    draws the page, with the site's stylesheet, as soon as they come."""
    page = editor.page.context.new_page()
    held = []
    try:
        page.route("**/admin/preview.json", lambda route: held.append(route))
        page.goto(f"{editor.origin}/admin/#/collections/ateliers")
        path = workshops(editor.content)[0]
        page.locator(f'a[href$="/collections/ateliers/entries/{path.stem}"]').click()
        page.get_by_label("Titre", exact=True).wait_for()
        frame = page.frame_locator("#preview-pane")
        assert held and frame.locator("dl.key-facts").count() == 0
        held[0].continue_()
        frame.locator("dl.key-facts").wait_for()
        soup = editor.built.soup(offer_url(path, front_matter(path)))
        assert preview_facts(frame, "key-facts") == page_facts(soup, "key-facts")
        font = frame.locator("h1").first.evaluate("node => getComputedStyle(node).fontFamily")
        css = (editor.built.root / "theme" / "css" / "style.css").read_text(encoding="utf-8")
        assert font.split(",")[0].strip('"') in css
    finally:
        page.close()

"""The comparison page: one column per published offer, one row per criterion
of pelicanconf.py, every cell filled from the front matter or marked as
missing; linked from every offer and from the former site's page."""

import json

import pytest

import pelicanconf
from comparison import check_criteria, known_criteria, per_person_hour
from conftest import (
    CONTENT,
    GOOD,
    Site,
    as_shown,
    build_files,
    collapse,
    expected_url,
    front_matter,
    good_with,
    pelican_build,
    published_offers,
    site_setting,
)
from conftest import titled_offer as offer
from conftest import visible_text as text
from core.durations import show_duration
from core.prices import format_group_size, format_price
from core.schemas import Offer

URL = "/ateliers/comparatif/"
LABELS = site_setting("OFFERS_UNIT_LABELS")
OFFER_FILES = [path for path in sorted(CONTENT.glob("ateliers/*.md"))  # drafts have no page
               if front_matter(path).get("status", "published") == "published"]


def table(soup):
    """(offer headers, {row label: cells}) of the comparison table."""
    headers = soup.select("table.comparison thead th")[1:]
    rows = {text(tr.th): tr.find_all("td") for tr in soup.select("table.comparison tbody tr")}
    return headers, rows


def comparison_of(tmp_path):
    return Site(tmp_path / "output").soup(URL)


# -- Plain functions -------------------------------------------------------

def checked(**changes):
    return Offer.model_validate(good_with(**changes))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, (300 / 10 / 2, 300 / 6 / 2, "EUR")),
        ({"modalities__group_size": {"ideal": 8}, "modalities__duration": "1h30", "price__amount": 250},
         (250 / 8 / 1.5, 250 / 8 / 1.5, "EUR")),
        ({"price": {"on_quote": True}}, "tarif sur devis"),
        ({"price": {"amount": 80, "currency": "EUR", "unit": "per_day"}}, "tarif qui n’est pas donné par séance"),
        ({"modalities__duration": "à définir avec l’équipe"}, "durée à définir"),
        ({"modalities__group_size": "à définir avec l’équipe"}, "taille du groupe à définir"),
        ({"modalities__group_size": {"max": 12}}, "taille du groupe à préciser"),
    ],
)
def test_price_per_person_and_hour_only_from_what_the_offer_says(changes, expected):
    amounts, reason = per_person_hour(checked(**changes))
    if isinstance(expected, str):
        assert (amounts, reason) == (None, expected)
    else:
        assert reason is None and amounts == pytest.approx(expected)


def test_criteria_are_offer_fields_or_computed():
    known = known_criteria()
    for name in ("method", "audience", "modalities.duration", "modalities.group_size", "price", "deliverables",
                 "price_per_person_hour", "link"):
        assert name in known
    assert "title" not in known and "citations" not in known
    assert check_criteria(pelicanconf.COMPARISON_CRITERIA) == []


@pytest.mark.parametrize(
    ("criteria", "problem"),
    [
        ([("methode", "Méthode")], "(élément 1) : le critère « methode » n’existe pas ; vous vouliez dire « method » ?"),
        ([("method", "Méthode"), ("couleur", "Couleur")],
         "(élément 2) : le critère « couleur » n’existe pas ; critères possibles : method,"),
        ([("method",)], "(élément 1) : écrivez une paire (\"critère\", \"libellé\")"),
        ([("method", "")], "(élément 1) : écrivez une paire"),
        ("method", "la valeur doit être une liste de paires"),
    ],
)
def test_a_wrong_criterion_is_named_with_its_fix(criteria, problem):
    problems = check_criteria(criteria)
    assert len(problems) == 1
    assert problems[0].startswith("pelicanconf.py, COMPARISON_CRITERIA") and problem in problems[0]


# -- The real site ------------------------------------------------------------

def test_one_column_per_published_offer_in_order(site):
    headers, rows = table(site.soup(URL))
    offers = published_offers()
    assert [text(th) for th in headers] == [as_shown(meta["title"]) for meta in offers.values()]
    assert [th.a["href"] for th in headers] == list(offers)
    assert all(len(cells) == len(offers) for cells in rows.values())


def test_rows_are_the_criteria_of_the_settings(fixture_site):
    _, rows = table(fixture_site.soup(URL))
    # Only one fixture offer has a price per session: no price per hour to compare.
    expected = [label for key, label in pelicanconf.COMPARISON_CRITERIA if key != "price_per_person_hour"]
    assert list(rows) == expected


def test_every_cell_is_filled_or_marked_missing(site):
    _, rows = table(site.soup(URL))
    for label, cells in rows.items():
        for cell in cells:
            assert text(cell), f"une cellule vide dans la ligne « {label} »"
            assert "None" not in text(cell)
            if "is-missing" in cell.get("class", []):
                assert text(cell.select_one(".missing")) == "—"
                assert text(cell.select_one(".cell-note"))


def test_values_are_the_front_matter(site):
    _, rows = table(site.soup(URL))
    for column, meta in enumerate(published_offers().values()):
        checked_offer = Offer.model_validate(meta)
        modalities = meta["modalities"]
        expected = {
            "Méthode": meta["method"],
            "Pour qui": meta["audience"],
            "Format": modalities["format"],
            "Durée d’une séance": show_duration(modalities["duration"]),
            "Fréquence": modalities["frequency"],
            "Taille du groupe": format_group_size(checked_offer.modalities.group_size),
            "Engagement": modalities["commitment"],
        }
        for label, value in expected.items():
            assert text(rows[label][column]) == collapse(value), (meta["title"], label)
        price = text(rows["Tarif"][column])
        assert price.startswith(format_price(checked_offer.price, LABELS))
        assert ("Sur devis" in price) == bool(meta["price"].get("on_quote"))
        deliverables = rows["Ce que vous recevez"][column]
        if meta.get("deliverables"):
            assert [text(li) for li in deliverables.select("li")] == [collapse(item) for item in meta["deliverables"]]
        else:
            assert "is-missing" in deliverables["class"]


def test_the_table_is_marked_up_for_screen_readers(site):
    soup = site.soup(URL)
    region = soup.select_one('.table-scroll[role="region"]')
    caption = soup.select_one("table.comparison > caption")
    assert caption is not None and text(caption)
    assert region["aria-labelledby"] == caption["id"] and region["tabindex"] == "0"
    assert all(th["scope"] == "col" for th in soup.select("table.comparison thead th"))
    for row in soup.select("table.comparison tbody tr"):
        assert row.th["scope"] == "row"
    assert soup.h1 and text(soup.h1) == as_shown(site_setting("COMPARISON_TITLE"), "h1")


def test_the_comparison_links_to_every_offer(site):
    _, rows = table(site.soup(URL))
    links = [cell.a["href"] for cell in rows["Pour en savoir plus"]]
    assert links == list(published_offers())
    for link in links:
        assert site.file_for(link).is_file()


@pytest.mark.parametrize("path", OFFER_FILES, ids=lambda path: path.stem)
def test_every_offer_page_links_to_the_comparison(site, path):
    soup = site.soup(expected_url(path))
    assert soup.select_one(f'.two-column__side a[href="{URL}"]')
    assert soup.select_one(f'#autres-ateliers a[href="{URL}"]')


def test_the_former_sites_page_links_to_the_comparison_and_every_offer(site):
    soup = site.soup("/ateliers/")
    links = {a["href"] for a in soup.select("a[href]")}
    assert URL in links
    assert set(published_offers()) <= links


def test_the_home_page_links_to_the_comparison(site):
    assert site.soup("/").select_one(f'a[href="{URL}"]')


# -- Small sites and changed content ---------------------------------------------

def test_a_draft_offer_is_not_compared(content_copy, tmp_path):
    """An offer taken back to draft, and out of the lists that proposed it
    (no page links to it by hand: the link checker would refuse that)."""
    offers = sorted((content_copy / "ateliers").glob("*.md"))
    path = offers[-1]
    slug = front_matter(path).get("slug", path.stem)
    for other in (content_copy / "ateliers").glob("*.md"):
        other.write_text(other.read_text(encoding="utf-8").replace(f"  - {slug}\n", ""), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nstatus: draft\n", 1), encoding="utf-8")
    result = pelican_build(content_copy, tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    headers, rows = table(comparison_of(tmp_path))
    titles = [text(th) for th in headers]
    assert front_matter(path)["title"] not in titles
    assert len(titles) == len(offers) - 1
    assert all(len(cells) == len(titles) for cells in rows.values())


def test_two_offers_priced_per_session_are_compared_per_person_and_hour(tmp_path):
    result, output = build_files(tmp_path, {
        "ateliers/un.md": offer("Un", 1),
        "ateliers/deux.md": offer("Deux", 2, price={"amount": 250, "currency": "EUR", "unit": "per_session"},
                                  modalities={**GOOD["modalities"], "duration": "1h30", "group_size": {"ideal": 8}}),
        "ateliers/trois.md": offer("Trois", 3, price={"on_quote": True}),
    })
    assert result.returncode == 0, output
    _, rows = table(comparison_of(tmp_path))
    cells = rows["Tarif par personne et par heure"]
    assert text(cells[0]).startswith("de 15 à 25\u00a0€ par personne et par heure")
    assert "300\u00a0€ la séance de 2\u00a0h, pour 6 à 10\u00a0personnes" in text(cells[0])
    assert text(cells[1]).startswith("20,83\u00a0€ par personne et par heure")
    assert text(cells[2]) == "— ne peut pas être calculé\u00a0: tarif sur devis"


def test_criteria_and_labels_come_from_the_settings(tmp_path):
    criteria = [["modalities.frequency", "Rythme"], ["link", "Fiche"]]
    result, output = build_files(tmp_path, {"ateliers/un.md": offer("Un", 1)},
                                 ("-e", f"COMPARISON_CRITERIA={json.dumps(criteria)}"))
    assert result.returncode == 0, output
    _, rows = table(comparison_of(tmp_path))
    assert list(rows) == ["Rythme", "Fiche"]
    assert text(rows["Rythme"][0]) == GOOD["modalities"]["frequency"]


def test_a_misspelt_criterion_fails_the_build(tmp_path):
    criteria = [["method", "Méthode"], ["prix", "Tarif"]]
    result, output = build_files(tmp_path, {"ateliers/un.md": offer("Un", 1)},
                                 ("-e", f"COMPARISON_CRITERIA={json.dumps(criteria)}"))
    assert result.returncode != 0
    assert ("pelicanconf.py, COMPARISON_CRITERIA (élément 2) : le critère « prix » n’existe pas ; "
            "vous vouliez dire « price » ?") in output
    assert not list((tmp_path / "output").rglob("*.html"))


def test_an_offer_at_the_comparisons_address_fails_the_build(tmp_path):
    result, output = build_files(tmp_path, {"ateliers/un.md": offer("Un", 1), "ateliers/comparatif.md": offer("Deux", 2)})
    assert result.returncode != 0
    assert "content/ateliers/comparatif.md : la page serait publiée à l’adresse /ateliers/comparatif/, réservée" in output


def test_without_offers_the_page_says_so(tmp_path):
    result, output = build_files(tmp_path, {"pages/page.md": "---\ntitle: Une page\n---\n\nTexte.\n"})
    assert result.returncode == 0, output
    soup = comparison_of(tmp_path)
    assert not soup.select("table")
    assert "Aucun atelier n’est publié pour le moment." in text(soup.main)


# -- Many offers: bounded lists, the table's columns, the full list by method --------

METHODS = ["Groupe Balint", "Co-développement", "Écriture"]


def many_offers(count, marked=()):
    """`count` offers over three methods; those whose number is in `marked`
    carry `compare: true`."""
    return {f"ateliers/atelier-{n}.md": offer(f"Atelier {n}", n, method=METHODS[n % 3],
                                              **({"compare": True} if n in marked else {}))
            for n in range(1, count + 1)}


@pytest.fixture(scope="module")
def twelve_offers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("douze")
    result, output = build_files(folder, many_offers(12))
    assert result.returncode == 0, output
    return Site(folder / "output")


def test_without_a_mark_the_table_shows_the_first_offers_in_order(twelve_offers):
    soup = twelve_offers.soup(URL)
    headers, _ = table(soup)
    assert [text(th) for th in headers] == [f"Atelier {n}" for n in range(1, site_setting("COMPARISON_LIMIT") + 1)]
    assert text(soup.select_one("table.comparison caption")) == as_shown("8 de nos 12 ateliers, critère par critère")


def test_every_offer_is_listed_below_the_table_by_method(twelve_offers):
    section = twelve_offers.soup(URL).select_one("section#tous-les-ateliers, section[aria-labelledby=tous-les-ateliers]")
    groups = {text(h3): [text(a) for a in h3.find_next_sibling("ul").select("a")] for h3 in section.select("h3")}
    assert list(groups) == [as_shown(method, "h3") for method in ["Co-développement", "Écriture", "Groupe Balint"]]
    assert groups[as_shown("Groupe Balint", "h3")] == ["Atelier 3", "Atelier 6", "Atelier 9", "Atelier 12"]
    assert sum(len(titles) for titles in groups.values()) == 12


def test_the_home_page_and_the_side_column_show_a_few_offers_and_link_to_all(twelve_offers):
    home = twelve_offers.soup("/")
    assert len(home.select(".home__offers .card")) == site_setting("OFFERS_ON_HOME")
    side = twelve_offers.soup("/ateliers/")
    assert len(side.select(".side-list li")) == site_setting("OFFERS_IN_SIDE_COLUMN")
    for soup, wording in ((home, "Voir nos 12 ateliers, par méthode"), (side, "Voir nos 12 ateliers")):
        link = soup.find("a", string=as_shown(wording))
        assert link["href"] == f"{URL}#tous-les-ateliers"


def test_the_offers_marked_for_comparison_are_the_columns(tmp_path):
    result, output = build_files(tmp_path, many_offers(12, marked={2, 5, 11}))
    assert result.returncode == 0, output
    headers, _ = table(Site(tmp_path / "output").soup(URL))
    assert [text(th) for th in headers] == ["Atelier 2", "Atelier 5", "Atelier 11"]


def test_more_marked_offers_than_columns_stop_the_build(tmp_path):
    result, output = build_files(tmp_path, many_offers(10, marked=set(range(1, 10))))
    assert result.returncode != 0
    assert "9 ateliers portent « compare: true »" in output
    assert "content/ateliers/atelier-1.md" in output and "COMPARISON_LIMIT" in output
    assert not (tmp_path / "output" / "index.html").exists()


def test_compare_must_be_true_or_false(tmp_path):
    result, output = build_files(tmp_path, {"ateliers/un.md": offer("Un", 1, compare="oui")})
    assert result.returncode != 0
    assert "compare" in output and "la valeur doit être true ou false" in output


def test_a_page_costs_the_same_with_12_or_24_offers(twelve_offers, tmp_path):
    """No list grows with the number of offers on every page: an offer
    page, the home page and a two-column page keep the same links."""
    result, output = build_files(tmp_path, many_offers(24))
    assert result.returncode == 0, output
    more = Site(tmp_path / "output")
    for url in ("/ateliers/atelier-5/", "/", "/ateliers/"):
        links = [len(site.soup(url).select("a[href]")) for site in (twelve_offers, more)]
        assert links[0] == links[1], url

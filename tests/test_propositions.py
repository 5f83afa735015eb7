"""Proposition lists: a page's `propositions` lead to the offers it names,
with their summary and two key facts; every offer page ends with « Autres
ateliers »; a slug that names no published offer stops the build."""

import json
from urllib.parse import urljoin

import pytest

from conftest import CONTENT, Site, as_shown, build_files, expected_url, front_matter, published_offers, site_setting
from conftest import titled_offer as offer
from conftest import visible_text as text
from core.prices import format_price
from core.schemas.offer import Price
from propositions import others, resolve

OFFER_FILES = [path for path in sorted(CONTENT.glob("ateliers/*.md"))  # drafts have no page
               if front_matter(path).get("status", "published") == "published"]


def page(**fields):
    lines = "".join(f"{name}: {json.dumps(value, ensure_ascii=False)}\n" for name, value in fields.items())
    return f"---\ntitle: Une page\n{lines}---\n\nLe texte de la page.\n"


def hrefs(section):
    return [item.select_one(".card__title a")["href"] for item in section.select("li.proposition")]


def soup_of(tmp_path, url):
    return Site(tmp_path / "output").soup(f"/{url}/")


# -- Plain functions -------------------------------------------------------

class Offer:
    def __init__(self, slug):
        self.slug = slug


A, B, C = Offer("balint"), Offer("ecriture"), Offer("sophrologie")
BY_SLUG = {offer.slug: offer for offer in (A, B, C)}


def test_resolve_keeps_the_order_written():
    assert resolve(["sophrologie", "balint"], BY_SLUG) == ([C, A], [])


@pytest.mark.parametrize(
    ("names", "problem"),
    [
        (["ecritur"], (0, "« ecritur » ne correspond à aucun atelier ; vous vouliez dire « ecriture » ?")),
        (["balint", "zzz"], (1, "« zzz » ne correspond à aucun atelier. Slugs possibles : balint, ecriture, sophrologie")),
        (["balint", "balint"], (1, "« balint » est déjà dans la liste (élément 1)")),
        (["brouillon"], (0, "l’atelier « brouillon » est un brouillon (status: draft)")),
        (["balint"], (0, "la page se propose elle-même")),
        ("balint", (None, "la valeur doit être une liste de slugs d’ateliers")),
        ([3], (None, "la valeur doit être une liste de slugs d’ateliers")),
    ],
)
def test_resolve_says_what_is_wrong(names, problem):
    _, problems = resolve(names, BY_SLUG, drafts={"brouillon"}, own_slug="balint" if names == ["balint"] else None)
    assert len(problems) == 1
    index, reason = problems[0]
    assert index == problem[0] and reason.startswith(problem[1])


def test_an_offer_whose_own_front_matter_is_wrong_is_not_reported_twice():
    assert resolve(["casse"], BY_SLUG, broken={"casse"}) == ([], [])


def test_others_are_the_next_offers_in_order_and_bounded():
    assert others(A, [A, B, C], 4) == [B, C]
    assert others(B, [A, B, C], 1) == [A]


# -- The real site ------------------------------------------------------------

@pytest.mark.parametrize("path", OFFER_FILES, ids=lambda path: path.stem)
def test_each_offer_page_ends_with_other_offers(site, path):
    """Its own propositions, each with title, summary and two key facts, as
    the offer named says them; or the other offers, in order."""
    offers = published_offers()
    url = expected_url(path)
    named = front_matter(path).get("propositions")
    expected = [expected_url(CONTENT / "ateliers" / f"{slug}.md") for slug in named] if named else \
        [other for other in offers if other != url][:4]
    main = site.soup(url).select_one(".two-column__main")
    section = main.find_all("section", recursive=False)[-1]
    assert section["id"] == "autres-ateliers"
    assert text(section.h2) == as_shown("Autres ateliers", "h2")
    assert hrefs(section) == expected
    for item, target in zip(section.select("li.proposition"), expected, strict=True):
        meta = offers[target]
        assert text(item.select_one(".card__title")) == as_shown(meta["title"], "h3")
        assert text(item.p) == as_shown(meta["summary"])
        facts = {text(div.dt): text(div.dd) for div in item.select("dl div")}
        price = format_price(Price.model_validate(meta["price"]), site_setting("OFFERS_UNIT_LABELS"))
        assert facts == {"Rythme": as_shown(meta["modalities"]["frequency"]), "Tarif": as_shown(price)}
        assert site.file_for(target).is_file()


def test_the_former_sites_propositions_still_lead_to_their_offers(fixture_site):
    """Seed 000's page (fixture content) links to two offers by slug."""
    site = fixture_site
    links = site.soup("/ateliers/").select("div.proposition > a")
    assert [urljoin("/ateliers/", link["href"]) for link in links] == \
        ["/ateliers/ecriture", "/ateliers/ateliers-et-formation-en-sophrologie-pour-professionels"]
    for link in links:
        assert site.file_for(urljoin("/ateliers/", link["href"])).is_file()


# -- Small sites -----------------------------------------------------------------

def test_without_propositions_an_offer_proposes_the_others_in_order(tmp_path):
    result, output = build_files(tmp_path, {
        "ateliers/un.md": offer("Un", 1), "ateliers/deux.md": offer("Deux", 2),
        "ateliers/trois.md": offer("Trois", 3), "ateliers/quatre.md": offer("Quatre", status="draft"),
    })
    assert result.returncode == 0, output
    assert hrefs(soup_of(tmp_path, "ateliers/deux")) == ["/ateliers/un/", "/ateliers/trois/"]


def test_the_number_of_offers_proposed_by_default_is_a_setting(tmp_path):
    files = {f"ateliers/o{number}.md": offer(f"Atelier {number}", number) for number in range(1, 5)}
    result, output = build_files(tmp_path, files, ("-e", "PROPOSITIONS_DEFAULT_COUNT=2"))
    assert result.returncode == 0, output
    assert hrefs(soup_of(tmp_path, "ateliers/o1")) == ["/ateliers/o2/", "/ateliers/o3/"]


@pytest.mark.parametrize(("name", "url"), [("pages/page.md", "page"), ("ressources/article.md", "ressources/article")])
def test_a_page_or_an_article_lists_the_offers_it_names(tmp_path, name, url):
    fields = {"propositions": ["deux", "un"]}
    if name.startswith("ressources"):
        fields["date"] = "2026-01-15"
    result, output = build_files(tmp_path, {
        "ateliers/un.md": offer("Un", 1), "ateliers/deux.md": offer("Deux", 2), name: page(**fields),
    })
    assert result.returncode == 0, output
    section = soup_of(tmp_path, url).select_one("section#propositions")
    assert text(section.h2) == as_shown("Nos propositions", "h2")
    assert hrefs(section) == ["/ateliers/deux/", "/ateliers/un/"]
    assert section.select_one('a[href="/ateliers/comparatif/"]')


def test_a_page_without_propositions_lists_none(site):
    assert not site.soup("/contact/").select(".propositions")


BAD_PROPOSITIONS = {
    "slug-mal-ecrit": (page(propositions=["un", "deuz"]),
                       "content/pages/page.md, ligne 3, champ « Propositions (propositions) » "
                       "(élément 2) : « deuz » ne correspond à "
                       "aucun atelier ; vous vouliez dire « deux » ? Corrigez le slug."),
    "slug-inconnu": (page(propositions=["zzz"]),
                     "content/pages/page.md, ligne 3, champ « Propositions (propositions) » "
                     "(élément 1) : « zzz » ne correspond à "
                     "aucun atelier. Slugs possibles : deux, un"),
    "brouillon": (page(propositions=["brouillon"]),
                  "champ « Propositions (propositions) » "
                  "(élément 1) : l’atelier « brouillon » est un brouillon (status: draft)"),
    "deux-fois": (page(propositions=["un", "un"]),
                  "champ « Propositions (propositions) » "
                  "(élément 2) : « un » est déjà dans la liste (élément 1) ; gardez-en un seul."),
    "pas-une-liste": (page(propositions="un"),
                      "content/pages/page.md, ligne 3, champ « Propositions (propositions) » : la valeur doit être une liste"),
}


@pytest.mark.parametrize("case", BAD_PROPOSITIONS)
def test_a_wrong_proposition_fails_the_build_naming_page_and_slug(tmp_path, case):
    body, message = BAD_PROPOSITIONS[case]
    result, output = build_files(tmp_path, {
        "ateliers/un.md": offer("Un", 1), "ateliers/deux.md": offer("Deux", 2),
        "ateliers/brouillon.md": offer("Brouillon", status="draft"), "pages/page.md": body,
    })
    assert result.returncode != 0
    assert message in output
    assert "Rien n'a été publié." in output
    assert not list((tmp_path / "output").rglob("*.html"))


def test_an_offer_that_proposes_itself_or_a_misspelt_one_fails(tmp_path):
    result, output = build_files(tmp_path, {
        "ateliers/un.md": offer("Un", 1, propositions=["un", "deus"]), "ateliers/deux.md": offer("Deux", 2),
    })
    assert result.returncode != 0
    assert ("content/ateliers/un.md, ligne 22, champ « Propositions (propositions) » "
            "(élément 1) : la page se propose elle-même") in output
    assert ("content/ateliers/un.md, ligne 23, champ « Propositions (propositions) » "
            "(élément 2) : « deus » ne correspond à aucun atelier ; vous vouliez dire « deux » ?") in output


def test_a_slug_written_like_a_title_gets_the_slug_to_write(tmp_path):
    result, output = build_files(tmp_path, {
        "ateliers/un.md": offer("Un", 1, propositions=["Deux"]), "ateliers/deux.md": offer("Deux", 2),
    })
    assert result.returncode != 0
    assert ("content/ateliers/un.md, ligne 22, champ « Propositions (propositions) » "
            "(élément 1) : « Deux » ne correspond à aucun atelier ; vous vouliez dire « deux » ?") in output

"""The preview's page cache (plugins/page_cache): after any edit, a build
that takes unchanged pages from the cache writes exactly the site a build
without it writes, byte for byte; a page taken again is the cache's own file
(no page rendered for nothing); the cache keeps the last build's pages only;
the published site never uses it. On the fixture content, whose names are known."""

import re

import pytest

from conftest import build_or_fail

OFFER = "ateliers/ecriture.md"
OTHER_OFFER = "ateliers/analyse-des-pratiques-balint.md"
ARTICLE = "ressources/aller-vers-et-emotions-des-travailleurs-sociaux.md"
MENU_PAGE = "pages/contact.md"
# Every build here: no search index (Pagefind writes its own files, not pages).
QUIET = ["SEARCH_INDEX=false"]


def cached_options(cache):
    return ["-e", *QUIET, f'PAGE_CACHE_PATH="{cache}"']


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} manque dans {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_to_body(content):
    (content / OFFER).write_text((content / OFFER).read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n",
                                 encoding="utf-8")


def change_price(content):
    edit(content / OTHER_OFFER, "price:\n", "price:\n  note: tarif révisé\n")


def retitle_menu_page(content):
    edit(content / MENU_PAGE, "title: Nous contacter", "title: Nous écrire")


def copy_offer(content):
    text = (content / OFFER).read_text(encoding="utf-8")
    (content / "ateliers" / "ecriture-bis.md").write_text(
        text.replace("slug: ecriture", "slug: ecriture-bis").replace("title: Atelier", "title: Second atelier"),
        encoding="utf-8")


def remove_summary_then_body(content):
    """An article without a summary is summed up from its text, which other pages show."""
    text = (content / ARTICLE).read_text(encoding="utf-8")
    text = re.sub(r"^summary: .*\n", "", text, count=1, flags=re.M)
    (content / ARTICLE).write_text(text + "\nUn paragraphe ajouté en fin d’article.\n", encoding="utf-8")


def retire_article(content):
    (content / ARTICLE).unlink()
    for path in content.rglob("*.md"):  # the lines that link to it go with it
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if ARTICLE.rsplit("/", 1)[1][:-3] not in line),
                        encoding="utf-8")


EDITS = {
    "rien": lambda content: None,
    "texte d’un atelier": add_to_body,
    "tarif d’un atelier": change_price,
    "titre d’une page du menu": retitle_menu_page,
    "nouvel atelier copié": copy_offer,
    "texte d’un article sans résumé": remove_summary_then_body,
    "article retiré": retire_article,
}


def pages(folder):
    return {path.relative_to(folder).as_posix(): path for path in folder.rglob("*.html")}


def build_twice(content, tmp_path, edit_content):
    """The cache warmed by one build; `edit_content`; the build with the
    cache and the build without it. Returns both sites and the cache's folder."""
    cache = tmp_path / "pages"
    build_or_fail(content, tmp_path / "avant", options=cached_options(cache))
    edit_content(content)
    cached = build_or_fail(content, tmp_path / "avec", options=cached_options(cache))
    whole = build_or_fail(content, tmp_path / "sans", options=["-e", *QUIET])
    return cached.root, whole.root, cache


@pytest.mark.parametrize("name", EDITS)
def test_a_build_with_the_cache_writes_the_same_site(content_copy, tmp_path, name):
    cached, whole, _cache = build_twice(content_copy, tmp_path, EDITS[name])
    with_cache, without = pages(cached), pages(whole)
    assert sorted(with_cache) == sorted(without)
    different = [page for page in without if with_cache[page].read_bytes() != without[page].read_bytes()]
    assert different == [], f"{name} : pages différentes d’une construction sans cache : {different}"


def kept_files(cache):
    return {path.stat().st_ino for path in cache.rglob("*.html")}


def taken(site, cache):
    """The pages of `site` that are the cache's own files (taken, not rendered)."""
    kept = kept_files(cache)
    return {name for name, path in pages(site).items() if path.stat().st_ino in kept}


def test_only_the_edited_page_and_the_lists_are_rendered_again(content_copy, tmp_path):
    cache = tmp_path / "pages"
    build_or_fail(content_copy, tmp_path / "premier", options=cached_options(cache))
    entries = len(list(cache.rglob("*.html")))
    again = build_or_fail(content_copy, tmp_path / "second", options=cached_options(cache)).root
    lists = set(pages(again)) - taken(again, cache)  # the pages that are not one document's own
    add_to_body(content_copy)
    edited = build_or_fail(content_copy, tmp_path / "modifie", options=cached_options(cache)).root
    assert set(pages(edited)) - taken(edited, cache) == lists | {"ateliers/ecriture/index.html"}
    assert len(lists) < len(list(content_copy.rglob("*.md"))) / 2, lists
    # The edited page's former entry is gone: the cache keeps the last build's pages only.
    assert len(list(cache.rglob("*.html"))) == entries


def test_a_front_matter_change_renders_every_page_again(content_copy, tmp_path):
    cached, _whole, cache = build_twice(content_copy, tmp_path, change_price)
    assert taken(cached, cache) == set()


def test_only_the_preview_uses_the_cache(monkeypatch):
    """The preview's settings set the cache's folder; the site's never do."""
    from pelican.settings import read_settings

    import tasks

    monkeypatch.setenv("SITEURL", "https://exemple.github.io/reve")
    assert read_settings("publishconf.py").get("PAGE_CACHE_PATH") is None
    assert read_settings("pelicanconf.py").get("PAGE_CACHE_PATH") is None
    assert any(option.startswith("PAGE_CACHE_PATH=") for option in tasks.cache_options("content"))

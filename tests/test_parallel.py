"""Reading and rendering on every core (plugins/parallel, yaml_front_matter's
read-ahead, plugins/page_writer): the same site as when done in turn, the
same errors, and what a worker logs still reaches the build's report."""

import logging
import shutil

import pytest

from conftest import Site, build_files, write_content
from conftest import pelican_build
from conftest import titled_offer as offer
from parallel import map_forked, relay
from site_checks import check_site

# Above the thresholds of prefetch.py and page_writer (64 files, 64 pages).
OFFERS, ARTICLES = 40, 40


def many_documents():
    files = {f"ateliers/atelier-{n}.md": offer(f"Atelier {n}", n) for n in range(1, OFFERS + 1)}
    files |= {
        f"ressources/article-{n}.md": (f"---\ntitle: Article {n}\ndate: 2025-01-{n % 28 + 1:02d}\n---\n\n"
                                       f"Voir [l'atelier {n}]({{filename}}/ateliers/atelier-{n}.md) : c'est \"utile\".\n")
        for n in range(1, ARTICLES + 1)
    }
    return files


@pytest.fixture(scope="module")
def built_both_ways(tmp_path_factory):
    """The same content built with two processes and in turn."""
    folder = tmp_path_factory.mktemp("deux-facons")
    write_content(folder / "content", many_documents())
    sites = {}
    for processes in (2, 1):
        output = folder / f"output-{processes}"
        result = pelican_build(folder / "content", output, options=("-e", f"PROCESSES={processes}", "SEARCH_INDEX=false"))
        assert result.returncode == 0, result.stdout + result.stderr
        sites[processes] = Site(output)
    return sites


def test_two_processes_write_the_same_site_as_one(built_both_ways):
    forked, in_turn = built_both_ways[2], built_both_ways[1]
    files = [path.relative_to(forked.root) for path in sorted(forked.root.rglob("*")) if path.is_file()]
    assert files == [path.relative_to(in_turn.root) for path in sorted(in_turn.root.rglob("*")) if path.is_file()]
    assert len([name for name in files if name.suffix == ".html"]) > OFFERS + ARTICLES
    different = [name for name in files if (forked.root / name).read_bytes() != (in_turn.root / name).read_bytes()]
    assert different == []


def test_pages_rendered_by_the_workers_are_in_french_typography(built_both_ways):
    text = built_both_ways[2].soup("/ressources/article-7/").select_one("main").get_text()
    assert "c’est «\u00a0utile\u00a0»" in text


@pytest.mark.parametrize("processes", [2, 1])
def test_a_mistake_in_one_file_is_reported_the_same_way(tmp_path, processes):
    files = many_documents() | {"ateliers/atelier-9.md": "---\ntitle: Atelier 9\nmethod: [Balint\n---\n\nTexte.\n"}
    write_content(tmp_path / "content", files)
    result = pelican_build(tmp_path / "content", tmp_path / "output", options=("-e", f"PROCESSES={processes}"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/ateliers/atelier-9.md, ligne 3" in output and "l'en-tête YAML est mal formé" in output


def test_the_link_checker_finds_the_same_on_every_core(built_both_ways, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built_both_ways[2].root, copy)
    page = copy / "ressources" / "article-12" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<a href="/introuvable/">x</a></main>'), encoding="utf-8")
    in_turn, forked = check_site(copy, workers=1), check_site(copy, workers=2)
    assert forked == in_turn and forked.pages > 64
    assert [(problem.page, problem.link) for problem in forked.problems] == [("/ressources/article-12/", "/introuvable/")]


def test_a_build_with_too_few_files_to_fork_still_builds(tmp_path):
    result, output = build_files(tmp_path, {"ateliers/un.md": offer("Un", 1)}, options=("-e", "PROCESSES=2"))
    assert result.returncode == 0, output


# -- plugins/parallel itself ----------------------------------------------------------

def work(item):
    """Logs for 3, fails for 5, doubles the others."""
    if item == 3:
        logging.getLogger("pelican.test").warning("trois : %s", "attention")
    if item == 5:
        raise ValueError("cinq refusé")
    return item * 2


def test_results_come_back_in_order_with_errors_and_log_records(caplog):
    outcomes = map_forked(work, range(8), 2)
    assert [outcome.value for outcome in outcomes] == [0, 2, 4, 6, 8, None, 12, 14]
    assert isinstance(outcomes[5].error, ValueError) and str(outcomes[5].error) == "cinq refusé"
    assert [outcome.records for outcome in outcomes if outcome.records][0][0].getMessage() == "trois : attention"
    with caplog.at_level(logging.WARNING):
        relay(outcomes[3].records)
    assert [(record.name, record.getMessage()) for record in caplog.records] == [("pelican.test", "trois : attention")]


# -- The preview's cache of filtered pages (page_writer/filter_cache.py) -----------------

def test_a_page_seen_at_the_last_build_is_not_filtered_again(tmp_path):
    from page_writer import filter_cache  # noqa: PLC0415

    calls = []

    def shout(html):
        calls.append(html)
        return html.upper()

    path, filters = tmp_path / "pages.pickle", {"shout": shout}
    filter_cache.load(path, filters)
    assert [filter_cache.filtered(html, filters) for html in ("<p>a</p>", "<p>b</p>")] == ["<P>A</P>", "<P>B</P>"]
    filter_cache.save()
    filter_cache.load(path, filters)  # the next build
    assert filter_cache.filtered("<p>a</p>", filters) == "<P>A</P>"
    assert filter_cache.filtered("<p>c</p>", filters) == "<P>C</P>"
    assert calls == ["<p>a</p>", "<p>b</p>", "<p>c</p>"]
    filter_cache.save()
    filter_cache.load(path, {"other": shout})  # other filters: nothing is taken from the file
    assert filter_cache.filtered("<p>a</p>", {"other": shout}) == "<P>A</P>" and calls[-1] == "<p>a</p>"
    filter_cache.load(None, filters)  # a normal build keeps nothing
    filter_cache.filtered("<p>a</p>", filters)
    assert calls[-2:] == ["<p>a</p>", "<p>a</p>"]


def test_pages_from_the_cache_are_those_the_filters_write(built_both_ways, tmp_path):
    """Twice with the preview's cache of filtered pages, on two processes:
    the second build takes every page from the cache, and writes the same."""
    content = built_both_ways[1].root.parent / "content"
    options = ("-e", "PROCESSES=2", "SEARCH_INDEX=false", f'PAGE_WRITER_CACHE="{tmp_path / "pages.pickle"}"')
    for run in (1, 2):
        result = pelican_build(content, tmp_path / f"output-{run}", options=options)
        assert result.returncode == 0, result.stdout + result.stderr
    in_turn = built_both_ways[1].root
    pages = sorted(path.relative_to(in_turn) for path in in_turn.rglob("*.html"))
    assert (tmp_path / "pages.pickle").stat().st_size > 0
    assert [page for page in pages if (tmp_path / "output-2" / page).read_bytes() != (in_turn / page).read_bytes()] == []


def test_the_preview_parses_again_only_the_pages_that_changed(built_both_ways, tmp_path):
    """The link checker's cache (site_checks/parse_cache.py): the same
    result as without it, and a page changed since is read again."""
    copy, cache = tmp_path / "site", tmp_path / "links.pickle"
    shutil.copytree(built_both_ways[2].root, copy)
    first = check_site(copy, workers=2, cache=cache)
    assert first == check_site(copy, workers=2) and first.problems == [] and cache.stat().st_size > 0
    page = copy / "ressources" / "article-3" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<a href="/disparu/">x</a></main>'), encoding="utf-8")
    again = check_site(copy, workers=2, cache=cache)
    assert [(problem.page, problem.link) for problem in again.problems] == [("/ressources/article-3/", "/disparu/")]
    assert again == check_site(copy, workers=1)

"""Our plugins beside someone else's: Pelican's public signals reach a
third-party plugin for every page; each of ours stands alone, or says at
start-up which other one it needs; the offer schema checks what the editor
wrote, nothing Pelican added."""

import json
import os

import pytest

import pelicanconf
from conftest import build_files, pelican_build, titled_offer, write_content
from core.site import is_page

# A plugin as someone else would write it (pelican-sitemap listens the same
# way): it notes every file Pelican says it wrote, and in which process.
LISTENER = '''
import json
import os

from pelican import signals

written = []


def note(path, context):
    written.append([str(path), os.getpid()])


def report(pelican):
    with open(pelican.settings["LISTENER_REPORT"], "a", encoding="utf-8") as file:
        file.write(json.dumps({"pid": os.getpid(), "written": written}) + "\\n")


def register():
    signals.content_written.connect(note)
    signals.finalized.connect(report)
'''

OFFERS, ARTICLES = 150, 150


def many_documents():
    files = {f"ateliers/atelier-{n}.md": titled_offer(f"Atelier {n}", n) for n in range(1, OFFERS + 1)}
    files |= {
        f"ressources/article-{n}.md": (f"---\ntitle: Article {n}\ndate: 2025-01-{n % 28 + 1:02d}\n---\n\n"
                                       f"Voir [l'atelier {n}]({{filename}}/ateliers/atelier-{n}.md).\n")
        for n in range(1, ARTICLES + 1)
    }
    return files


def test_a_third_party_plugin_hears_of_every_page_once_in_the_build_process(tmp_path):
    plugin = tmp_path / "autres" / "ecoute"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(LISTENER, encoding="utf-8")
    report = tmp_path / "ecoute.jsonl"
    write_content(tmp_path / "content", many_documents())
    plugins = [*pelicanconf.PLUGINS, "ecoute"]
    options = ("-e", f"PLUGINS={json.dumps(plugins)}", f"PLUGIN_PATHS={json.dumps(['plugins', str(plugin.parent)])}",
               f"LISTENER_REPORT={json.dumps(str(report))}")
    result = pelican_build(tmp_path / "content", tmp_path / "output", options=options)
    assert result.returncode == 0, result.stdout + result.stderr
    finalized = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert len(finalized) == 1  # finalized is sent once
    heard = [os.path.relpath(path, tmp_path / "output") for path, _pid in finalized[0]["written"]]
    # Every page Pelican writes; /admin/ is an application the web editor copies.
    written = (path.relative_to(tmp_path / "output").as_posix() for path in (tmp_path / "output").rglob("*.html"))
    pages = sorted(name for name in written if is_page(name))
    assert len(pages) > OFFERS + ARTICLES
    assert sorted(name for name in heard if name.endswith(".html")) == pages  # each page, once
    assert {pid for _path, pid in finalized[0]["written"]} == {finalized[0]["pid"]}  # in the build's process


# What each plugin leaves in a small site, when it is in PLUGINS.
def sitemap(output):
    return (output / "sitemap.xml").is_file()


def search(output):
    return (output / "pagefind" / "pagefind.js").is_file()


def typography(output):
    return "«\u00a0" in (output / "ressources" / "note" / "index.html").read_text(encoding="utf-8")


WORK = {"sitemap_robots": sitemap, "search_index": search, "french_typography": typography}

SMALL_SITE = {
    "ateliers/un.md": titled_offer("Un", 1),
    "ressources/note.md": "---\ntitle: Une note\ndate: 2025-03-01\n---\n\n"
                          "C'est \"utile\" : voir [l'atelier]({filename}/ateliers/un.md).\n",
}


@pytest.mark.parametrize("removed", pelicanconf.PLUGINS)
def test_without_one_plugin_the_others_still_work_or_the_build_names_what_it_needs(tmp_path, removed):
    plugins = [name for name in pelicanconf.PLUGINS if name != removed]
    result, output = build_files(tmp_path, SMALL_SITE, options=("-e", f"PLUGINS={json.dumps(plugins)}"))
    assert "Traceback" not in output
    if result.returncode != 0:
        assert f"a besoin de l'extension « {removed} »" in output, output
        assert "Ajoutez-la à PLUGINS dans pelicanconf.py" in output
        return
    for name, did_its_work in WORK.items():
        assert did_its_work(tmp_path / "output") == (name in plugins), name


def test_the_link_check_stops_the_build_without_strict_build(tmp_path):
    """site_checks stands alone: with the YAML reader and Pelican's own theme."""
    page = tmp_path / "content" / "pages" / "seule.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: Seule\n---\n\nVoir [ailleurs](/introuvable/).\n", encoding="utf-8")
    plugins = ["yaml_front_matter", "site_checks"]
    options = ("-e", f"PLUGINS={json.dumps(plugins)}", 'THEME="simple"', "THEME_NEEDS=[]", "JINJA_ENVIRONMENT={}")
    result = pelican_build(tmp_path / "content", tmp_path / "output", options=options)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "La construction du site a échoué" in output and "lien « /introuvable/ »" in output
    assert "Traceback" not in output


@pytest.mark.parametrize("name", ["2026-01-01-atelier.md", "atelier-2026-01-01.md"])
def test_an_offer_named_with_a_date_is_checked_on_what_its_editor_wrote(tmp_path, name):
    """Pelican takes a date from such a file's name; the editor wrote none."""
    result, output = build_files(tmp_path, {f"ateliers/{name}": titled_offer("Daté", 1)})
    assert result.returncode == 0, output
    assert "ce champ n’existe pas" not in output

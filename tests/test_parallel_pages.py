"""Pages rendered by worker processes (plugins/parallel_pages): the site is
the one written in turn, byte for byte; other processes did the rendering;
Pelican's writer writes and announces every page in the build's process;
what a worker logs, or fails on, is reported once, as without workers."""

import json
import os
import shutil

import pytest

import pelicanconf
from conftest import ROOT, pelican_build, titled_offer, write_content

# A plugin as someone else would write it: it hears every page written,
# notes which process read each Markdown file (its reader class wraps the
# one in place) and, through the `french` filter every page's template
# uses, which process rendered each page. It logs a warning while
# rendering one page.
WATCHER = '''
import json
import logging
import os

from pelican import signals

logger = logging.getLogger(__name__)
heard = []


def watch(generator):
    french = generator.env.filters["french"]

    def watched(value):
        with open(generator.settings["WATCH_REPORT"] + ".rendu", "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\\n")
        if generator.settings.get("WATCH_WARNS") and str(value) == "Atelier 7":
            logger.warning("avertissement écrit pendant le rendu de « %s »", value)
        return french(value)

    generator.env.filters["french"] = watched


def wrap(readers):
    base = readers.reader_classes["md"]

    class WatchedReader(base):
        def read(self, source_path):
            # The content's files (default_pages reads the theme's own
            # pages, which only it knows of, in the build's process).
            if os.path.abspath(source_path).startswith(os.path.abspath(self.settings["PATH"]) + os.sep):
                with open(self.settings["WATCH_REPORT"] + ".lu", "a", encoding="utf-8") as file:
                    file.write(f"{os.getpid()}\\n")
            return super().read(source_path)

    WatchedReader.__name__ = base.__name__
    readers.reader_classes["md"] = WatchedReader


def note(path, context):
    heard.append([str(path), context["output_file"], os.getpid()])


def report(pelican):
    with open(pelican.settings["WATCH_REPORT"], "w", encoding="utf-8") as file:
        json.dump({"pid": os.getpid(), "heard": heard}, file)


def register():
    signals.readers_init.connect(wrap)
    signals.generator_init.connect(watch)
    signals.content_written.connect(note)
    signals.finalized.connect(report)
'''

DOCUMENTS = 30


def documents():
    files = {f"ateliers/atelier-{n}.md": titled_offer(f"Atelier {n}", n) for n in range(1, DOCUMENTS + 1)}
    files |= {f"ressources/article-{n}.md": f"---\ntitle: Article {n}\ndate: 2025-02-{n % 28 + 1:02d}\n---\n\n"
              f"Voir [l'atelier {n}]({{filename}}/ateliers/atelier-{n}.md).\n" for n in range(1, DOCUMENTS + 1)}
    return files


def build(tmp_path, name, processes, theme=None, warns=False):
    """The site of `documents()` built with the watcher, on `processes` processes."""
    plugin = tmp_path / "autres" / "surveille"
    if not plugin.exists():
        plugin.mkdir(parents=True)
        (plugin / "__init__.py").write_text(WATCHER, encoding="utf-8")
        # The documents a test has already written stay as it wrote them.
        write_content(tmp_path / "content", {name: text for name, text in documents().items()
                                             if not (tmp_path / "content" / name).exists()})
    report = tmp_path / f"{name}.json"
    # programme_pdf renders its programmes with the same `french` filter, in
    # the build's process, before the pages: left out, the filter tells who
    # rendered the pages alone.
    plugins = [name for name in pelicanconf.PLUGINS if name != "programme_pdf"]
    options = ["-e", f"PLUGINS={json.dumps([*plugins, 'surveille'])}",
               f"PLUGIN_PATHS={json.dumps(['plugins', str(plugin.parent)])}", f"WATCH_REPORT={json.dumps(str(report))}",
               f"PROCESSES={processes}", "PARALLEL_PAGES_MIN=1", "SEARCH_INDEX=false", f"WATCH_WARNS={json.dumps(warns)}"]
    if theme:
        options.append(f"THEME={json.dumps(str(theme))}")
    result = pelican_build(tmp_path / "content", tmp_path / name, options=options)
    return result, result.stdout + result.stderr, report


def files_of(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_pages_read_and_rendered_by_workers_are_written_and_announced_as_in_turn(tmp_path):
    in_turn, said, _report = build(tmp_path, "en-ordre", processes=1)
    assert in_turn.returncode == 0, said
    result, said, report = build(tmp_path, "en-parallele", processes=2)
    assert result.returncode == 0, said

    assert files_of(tmp_path / "en-parallele") == files_of(tmp_path / "en-ordre")
    watched = json.loads(report.read_text(encoding="utf-8"))
    for work in ("lu", "rendu"):  # read, then rendered, by workers, not by the build's process
        done_by = {int(pid) for pid in report.with_suffix(f".json.{work}").read_text(encoding="utf-8").split()}
        assert done_by and watched["pid"] not in done_by, work
    pages = sorted(path for path in files_of(tmp_path / "en-parallele") if path.endswith(".html")
                   and not path.startswith("admin/"))
    heard = [os.path.relpath(path, tmp_path / "en-parallele") for path, _file, _pid in watched["heard"]]
    assert sorted(name for name in heard if name.endswith(".html")) == pages  # each page, once
    assert all(os.path.relpath(path, tmp_path / "en-parallele") == file for path, file, _pid in watched["heard"])
    assert {pid for _path, _file, pid in watched["heard"]} == {watched["pid"]}  # in the build's process


@pytest.mark.parametrize("processes", [1, 2])
def test_a_warning_logged_by_a_worker_is_reported_once(tmp_path, processes):
    result, said, _report = build(tmp_path, "sortie", processes, warns=True)
    assert result.returncode != 0
    assert said.count("avertissement écrit pendant le rendu de « Atelier 7 »") == 1, said
    assert "La construction du site a échoué : 1 problème" in said and "Traceback" not in said, said


@pytest.mark.parametrize("processes", [1, 2])
def test_a_template_failing_in_a_worker_is_reported_as_in_turn(tmp_path, processes):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "offer.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n{{ page.title.nope.deeper }}\n{% endblock %}\n', encoding="utf-8")
    result, said, _report = build(tmp_path, "sortie", processes, theme=theme)
    assert result.returncode != 0
    assert "theme/templates/offer.html, ligne 3 : le modèle du thème a échoué (en écrivant content/ateliers/" in said, said
    assert "Traceback" not in said and said.count("La construction du site a échoué : 1 problème") == 1, said


@pytest.mark.parametrize("processes", [1, 2])
def test_a_file_a_worker_cannot_read_is_reported_as_in_turn(tmp_path, processes):
    (tmp_path / "content" / "ressources").mkdir(parents=True)
    (tmp_path / "content" / "ressources" / "article-5.md").write_text(
        "---\ntitle: Article 5\ndate: 2025-02-06\nresume: [non fermé\n---\n\nTexte.\n", encoding="utf-8")
    result, said, _report = build(tmp_path, "sortie", processes)
    assert result.returncode != 0
    assert said.count("content/ressources/article-5.md, ligne 4") == 1, said
    assert "Traceback" not in said and "La construction du site a échoué : 1 problème" in said, said

"""The preview's build process (core/runner.py's Runner): each build is a
new child of a process that imported the plugins once; a stopped build process
gives way to one that imports them again, as they are on disk; a failed
build's exit status and French report reach the preview; Ctrl+C on
`make serve` ends it with one French line."""

import json
import os
import signal
import subprocess
import sys

import pelicanconf
from conftest import FIXTURE_CONTENT, ROOT, free_port
from core.runner import Command, Runner
from live_preview import STOPPED

# A plugin that says, at the end of a build, its module's word and the
# process that built; or stops the build with a French report.
PLUGIN = '''
import json
import os

from pelican import signals

WORD = {word!r}


def say(pelican):
    if pelican.settings.get("MARQUE_ECHEC"):
        raise SystemExit("La construction du site a échoué : 1 problème à corriger.")
    with open(pelican.settings["MARQUE_FICHIER"], "a", encoding="utf-8") as file:
        file.write(json.dumps([WORD, os.getpid()]) + "\\n")


def register():
    signals.finalized.connect(say)
'''


def small_site(tmp_path, word):
    (tmp_path / "extensions").mkdir(exist_ok=True)
    (tmp_path / "extensions" / "marque.py").write_text(PLUGIN.format(word=word), encoding="utf-8")
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "content" / "page.md").write_text("Title: Une page\n\nTexte.\n", encoding="utf-8")
    settings = tmp_path / "reglages.py"
    settings.write_text(f"PLUGIN_PATHS = [{str(tmp_path / 'extensions')!r}]\nPLUGINS = ['marque']\n"
                        f"MARQUE_FICHIER = {str(tmp_path / 'dit.jsonl')!r}\n", encoding="utf-8")
    return settings


def build(process, tmp_path, settings, *options):
    arguments = [str(tmp_path / "content"), "-s", str(settings), "-o", str(tmp_path / "output"), "-q", *options]
    return process.run(Command("pelican", tuple(arguments), report=str(tmp_path / "rapport.txt")))


def said(tmp_path):
    return [json.loads(line) for line in (tmp_path / "dit.jsonl").read_text(encoding="utf-8").splitlines()]


def test_each_build_is_a_new_child_and_a_new_build_process_reads_the_plugins_again(tmp_path):
    settings = small_site(tmp_path, "avant")
    process = Runner(["marque"], [tmp_path / "extensions"])
    try:
        assert build(process, tmp_path, settings) == 0
        small_site(tmp_path, "après")  # the plugin changes on disk
        assert build(process, tmp_path, settings) == 0
        process.stop()  # what the preview does after a change to anything but a page
        assert build(process, tmp_path, settings) == 0
    finally:
        process.stop()
    words = [word for word, _pid in said(tmp_path)]
    assert words == ["avant", "avant", "après"]  # imported once by each build process
    assert len({pid for _word, pid in said(tmp_path)}) == 3  # no build in a process that ran another


def test_a_failed_build_gives_its_status_and_its_report(tmp_path):
    settings = small_site(tmp_path, "mot")
    process = Runner(["marque"], [tmp_path / "extensions"])
    try:
        assert build(process, tmp_path, settings, "-e", "MARQUE_ECHEC=true") == 1
        assert (tmp_path / "rapport.txt").read_text(encoding="utf-8").startswith("La construction du site a échoué")
        assert build(process, tmp_path, settings) == 0  # and the next build is not troubled by it
    finally:
        process.stop()


def test_ctrl_c_ends_the_build_process_without_a_word(tmp_path, capfd):
    """Ctrl+C in the terminal reaches every process of `make serve`: the
    build process ends quietly (the preview's server says it stopped), with
    no traceback."""
    settings = small_site(tmp_path, "mot")
    process = Runner(["marque"], [tmp_path / "extensions"])
    try:
        assert build(process, tmp_path, settings) == 0  # the process now waits for the next build
        capfd.readouterr()
        os.kill(process.process.pid, signal.SIGINT)
        process.process.join(timeout=30)
        assert process.process.exitcode == 0
    finally:
        process.stop()
    out, err = capfd.readouterr()
    assert (out + err).strip() == "", out + err


def test_ctrl_c_ends_make_serve_with_one_french_line(tmp_path):
    """`invoke serve` (what `make serve` runs) once it serves: SIGINT
    to its whole process group, as the terminal sends it; it ends at once,
    with one French line and no traceback."""
    port = free_port()
    command = [sys.executable, "-m", "invoke", "serve", "--port", str(port), "--content", FIXTURE_CONTENT,
               "--output", tmp_path / "sortie"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True, env={**os.environ, "COLUMNS": "250"})
    try:
        said = []
        while not any(line.startswith("Aperçu sur http://localhost:") for line in said):
            said.append(server.stdout.readline())
            assert said[-1], "".join(said) + server.stderr.read()  # ended before serving
        if pelicanconf.WEB_EDITOR_LOCAL_BACKEND:
            said.append(server.stdout.readline())  # « Éditeur en ligne sur … »
        os.killpg(server.pid, signal.SIGINT)
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode == 0, out + err
    assert "Traceback" not in out + err and "KeyboardInterrupt" not in out + err, out + err
    assert [line for line in (out + err).splitlines() if line.strip()] == [STOPPED], out + err

"""The tests' commands (`python -m pelican`, `python -m invoke`) as a new
interpreter runs them, each in a child of one core.runner.Runner per test
process (each xdist worker) that has already imported their libraries: a new
interpreter spends half a second importing docutils, jinja2, pydantic, PIL…,
and the tests build about two hundred small sites.

The Runner imports third-party libraries only: each command imports our
plugins and settings itself (a test may change PLUGINS, PLUGIN_PATHS or the
environment they read), and Pelican too, whose log console reads the
environment (COLUMNS) when it is imported. The child takes the command's
folder, exactly its environment, the sys.path a new interpreter starts with
there, its arguments and output files (core/runner.py says what still
differs from a new interpreter). Run without xdist from the .venv/bin/pytest
script, the Runner also imports that script (and so pytest), as
multiprocessing imports a main script again.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from core.runner import Command, Runner

# The libraries a build imports (and the heavier standard modules they use),
# never Pelican nor a module of this project.
PRELOADED = [
    "docutils.core", "docutils.parsers.rst", "docutils.parsers.rst.directives.body",
    "docutils.parsers.rst.directives.images", "docutils.readers.standalone", "docutils.writers.html4css1",
    "markdown", "markdown.extensions.attr_list", "markdown.extensions.codehilite", "markdown.extensions.extra",
    "markdown.extensions.toc", "jinja2", "jinja2.ext", "markupsafe", "feedgenerator", "pygments.formatters.html",
    "pygments.lexers", "dateutil.parser", "dateutil.tz", "unidecode", "blinker", "ordered_set", "rich.console",
    "rich.logging", "rich.progress", "rich.table", "watchfiles", "yaml", "pydantic", "pydantic.fields",
    "pydantic.json_schema", "pydantic.main", "annotated_types", "PIL.Image", "PIL.ImageOps", "bs4", "lxml.etree",
    "lxml.html", "rcssmin", "invoke", "invoke.main", "argparse", "concurrent.futures.process", "difflib",
    "email.utils", "http.server", "multiprocessing.pool", "platform", "urllib.request", "uuid", "zoneinfo",
]
_runner = {"runner": None, "path": None}


def runner():
    """This process's Runner, and the sys.path that a new interpreter
    starts with (the tests' own has tests/ and plugins/ in it)."""
    if _runner["runner"] is None:
        fresh = subprocess.run([sys.executable, "-c", "import json, sys; print(json.dumps(sys.path[1:]))"],
                               capture_output=True, text=True, check=True)
        _runner.update(runner=Runner(PRELOADED), path=json.loads(fresh.stdout))
    return _runner["runner"], _runner["path"]


def run(module, arguments, cwd, env, timeout=None):
    """`python -m <module> <arguments>` in `cwd` with exactly `env`: the
    finished process, as subprocess.run(capture_output=True, text=True)
    returns it (TimeoutExpired after `timeout` seconds)."""
    parent, path = runner()
    arguments = [str(argument) for argument in arguments]
    with tempfile.TemporaryDirectory(prefix="commande-") as folder:
        stdout, stderr = Path(folder, "stdout"), Path(folder, "stderr")
        stdout.touch()
        stderr.touch()
        command = Command(module, tuple(arguments), str(cwd), dict(env), (str(cwd), *path), str(stdout), str(stderr))
        shown = [sys.executable, "-m", module, *arguments]
        try:
            returncode = parent.run(command, timeout)
        except TimeoutError:
            raise subprocess.TimeoutExpired(shown, timeout, stdout.read_text(), stderr.read_text()) from None
        return subprocess.CompletedProcess(shown, returncode, stdout.read_text(), stderr.read_text())

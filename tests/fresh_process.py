"""The tests' commands (`python -m pelican`, `python -m invoke`) as a new
interpreter runs them, in a process forked from one that has already
imported their libraries: a new interpreter spends half a second importing
docutils, jinja2, pydantic, PIL…, and the tests build about two hundred
small sites.

One forkserver per test process (each xdist worker), started by its first
command, as tasks.py starts the preview's builds. It imports third-party
libraries only: each command imports our plugins and settings itself (a
test may change PLUGINS, PLUGIN_PATHS or the environment they read), and
Pelican too, whose log console reads the environment (COLUMNS) when it is
imported. The forked process takes the command's folder, environment,
sys.path, arguments and output files before it runs the command; its exit
code is the one Python gives (a SystemExit's code, 1 after a traceback).

What still differs from a new interpreter, none of which a build depends
on: atexit functions are not run (multiprocessing ends its processes with
os._exit; threads are still waited for), the hash seed is the forkserver's,
and the process is named ForkServerProcess-N. Run without xdist from the
.venv/bin/pytest script, each process also imports that script (and so
pytest), as multiprocessing re-imports a main script.

Only standard modules here: a forked process imports this one to find `run_here`.
"""

import json
import multiprocessing
import os
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

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
_forkserver = {"context": None, "path": None}


def forkserver():
    """This process's forkserver, and the sys.path that a new interpreter
    starts with (the tests' own has tests/ and plugins/ in it)."""
    if _forkserver["context"] is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOADED)
        fresh = subprocess.run([sys.executable, "-c", "import json, sys; print(json.dumps(sys.path[1:]))"],
                               capture_output=True, text=True, check=True)
        _forkserver.update(context=context, path=json.loads(fresh.stdout))
    return _forkserver["context"], _forkserver["path"]


def run(module, arguments, cwd, env, timeout=None):
    """`python -m <module> <arguments>` in `cwd` with exactly `env`: the
    finished process, as subprocess.run(capture_output=True, text=True)
    returns it (TimeoutExpired after `timeout` seconds)."""
    context, path = forkserver()
    command = [sys.executable, "-m", module, *arguments]
    with tempfile.TemporaryDirectory(prefix="commande-") as folder:
        stdout, stderr = Path(folder, "stdout"), Path(folder, "stderr")
        stdout.touch()
        stderr.touch()
        process = context.Process(target=run_here, args=(module, [str(argument) for argument in arguments], str(cwd),
                                                         dict(env), [str(cwd), *path], str(stdout), str(stderr)))
        process.start()
        process.join(timeout)
        if process.exitcode is None:
            process.kill()
            process.join()
            raise subprocess.TimeoutExpired(command, timeout, stdout.read_text(), stderr.read_text())
        returncode = process.exitcode
        process.close()
        return subprocess.CompletedProcess(command, returncode, stdout.read_text(), stderr.read_text())


def run_here(module, arguments, cwd, env, path, stdout, stderr):
    """In the forked process: become `python -m <module>` started in `cwd`
    with `env` and its output going to the files `stdout` and `stderr`, then run it."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    for descriptor, name in ((1, stdout), (2, stderr)):
        opened = os.open(name, os.O_WRONLY)
        os.dup2(opened, descriptor)
        os.close(opened)
    sys.path[:] = path
    sys.argv[:] = [module, *arguments]
    # A forkserver's child starts its own processes (Pelican's plugins use
    # process pools) from the forkserver; a new interpreter forks them.
    multiprocessing.set_start_method(None, force=True)
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit:
        raise
    except BaseException:
        sys.excepthook(*sys.exc_info())
        sys.exit(1)

"""One way to run a command (`python -m <module> <arguments>`) in a new
process that starts at once: a child forked from a process that has already
imported what the command needs. A new interpreter spends about half a
second importing Pelican and its libraries (docutils, jinja2, pydantic,
PIL…); the preview builds after each save, the tests build about two
hundred small sites. Never two commands in one process: Pelican keeps some
state for a process's whole life (it says a repeated warning only once).

`Runner`: a parent that is spawned (a new interpreter, never a fork of a
process that runs threads, as the preview's server does), imports `preload`
once, then forks one child per command. `stop()` ends it; the next command
starts a new one, which imports the code as it is on disk then.
`run_in_a_child`: the same child, forked from this process (which must run
no thread while it waits).

The child takes the command's folder, environment, sys.path, arguments and
output files, then runs the module as `python -m` does; its exit status is
the one Python gives (a SystemExit's code, 1 after a traceback), and 130,
without a word, after Ctrl+C: whoever started it says that it stopped.
What still differs from a new interpreter, none of which a build depends
on: atexit functions are not run (threads are still waited for), the hash
seed is the parent's, stdin is /dev/null, the process is named
ForkProcess-N.

Not the standard library's forkserver, which the tests used: there is one
per process and no public way to stop it so that the next build imports a
changed plugin; its preload gives up on anything but an ImportError (a
plugin saved with a syntax error would stop every later build); and
Python 3.11's ignores the caller's sys.path (PLUGIN_PATHS) when it preloads.
"""

import importlib
import multiprocessing
import os
import runpy
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Command", "Runner", "run_in_a_child"]


@dataclass(frozen=True)
class Command:
    """`python -m <module> <arguments>`; None keeps what the parent has.
    `environment` is the whole environment; `stdout` and `stderr` are files
    that exist; `report` receives the text of a SystemExit too (a failed
    build's French report, which the preview's page shows)."""

    module: str
    arguments: tuple = ()
    cwd: str | None = None
    environment: dict | None = None
    path: tuple | None = None
    stdout: str | None = None
    stderr: str | None = None
    report: str | None = None


class Runner:
    """A parent process that imported `preload` (module names, found on
    `paths` too) and forks a child per command; started by the first one."""

    def __init__(self, preload, paths=()):
        self.preload, self.paths = list(preload), [str(path) for path in paths]
        self.process = self.connection = None
        self.lock = threading.RLock()  # one command at a time: the parent waits for each child

    def run(self, command, timeout=None):
        """`command` in a new child; its exit status. After `timeout`
        seconds, the child is killed and TimeoutError raised."""
        with self.lock:
            if self.process is None or not self.process.is_alive():
                self.start()
            try:
                self.connection.send(command)
                child = self.connection.recv()
                if not self.connection.poll(timeout):
                    os.kill(child, signal.SIGKILL)
                    self.connection.recv()
                    raise TimeoutError(f"{command.module} : plus de {timeout} s")
                return self.connection.recv()
            except (EOFError, BrokenPipeError):  # the parent died (killed, Ctrl+C): another one next time
                self.stop()
                return 1

    def start(self):
        context = multiprocessing.get_context("spawn")
        self.connection, theirs = context.Pipe()
        # A daemon: it ends with the process that started it.
        self.process = context.Process(target=serve, args=(theirs, self.preload, self.paths), daemon=True)
        self.process.start()
        theirs.close()

    def stop(self):
        """End the parent (a new one starts with the next command)."""
        with self.lock:
            if self.process is not None:
                self.connection.close()
                self.process.join(timeout=10)
                if self.process.is_alive():
                    self.process.kill()
                    self.process.join()
            self.process = self.connection = None


def serve(connection, preload, paths):
    """The parent: import once, then fork a child per command received and
    send back its pid, then its exit status. Ctrl+C (which reaches every
    process of the terminal) ends it without a word."""
    # A daemon for the process that started it, yet its children may start
    # process pools (pictures and programmes are made on every core).
    multiprocessing.current_process().daemon = False
    try:
        sys.path[:0] = paths
        for name in preload:
            try:
                importlib.import_module(name)
            except Exception:  # the command, which imports it again, says what is wrong
                pass
        while True:
            try:
                command = connection.recv()
            except EOFError:  # the process that started it has ended, or stopped it
                return
            child = fork(command)
            connection.send(child.pid)
            child.join()
            connection.send(child.exitcode)
            child.close()
    except (KeyboardInterrupt, BrokenPipeError):  # Ctrl+C, or its starter ended during a command
        return


def run_in_a_child(command):
    """`command` in a child forked from this process; its exit status."""
    child = fork(command)
    child.join()
    return child.exitcode


def fork(command):
    """A child forked from this process, started on `command`."""
    child = multiprocessing.get_context("fork").Process(target=run_here, args=(command,))
    child.start()
    return child


def run_here(command):
    """In the child: become `python -m <module> <arguments>` as `command`
    describes it, then run it."""
    # Its own process pools fork from it, as from a new interpreter.
    multiprocessing.set_start_method(None, force=True)
    if command.cwd is not None:
        os.chdir(command.cwd)
    if command.environment is not None:
        os.environ.clear()
        os.environ.update(command.environment)
    for descriptor, name in ((1, command.stdout), (2, command.stderr)):
        if name is not None:
            opened = os.open(name, os.O_WRONLY)
            os.dup2(opened, descriptor)
            os.close(opened)
    if command.path is not None:
        sys.path[:] = command.path
    sys.argv[:] = [command.module, *command.arguments]
    try:
        runpy.run_module(command.module, run_name="__main__", alter_sys=True)
    except SystemExit as stop:  # multiprocessing gives its code, or prints its text and gives 1
        if command.report and isinstance(stop.code, str):
            Path(command.report).write_text(stop.code, encoding="utf-8")
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except BaseException:
        sys.excepthook(*sys.exc_info())
        sys.exit(1)

"""The preview's builds (`make serve`): each one a child forked from a build
process that has already imported Pelican, its libraries and the site's
plugins, so a build starts at once instead of spending 0.4 s importing them.

The build process is spawned (a new interpreter, never a fork of the
preview's server, whose server and watcher run threads), then forks one
child per build: Pelican keeps some state for a process's whole life (it
says a repeated warning only once), so no build runs in a process that ran
another. After a change to anything but a page (a plugin, the settings, the
theme), tasks.py starts a new build process: a build always runs the code
as it is on disk.

Other builds of the editor commands (tasks.py: make build, invoke build-ref) run
the same way, in a child forked from the command's own process (build_in_a_child).
"""

import importlib
import multiprocessing
import os
import sys
import traceback
from pathlib import Path

__all__ = ["BuildProcess", "build_in_a_child", "run_pelican_here"]

class BuildProcess:
    """A process that imported `preload` (module names, found on `paths`
    too) and forks a child for each build."""

    def __init__(self, preload, paths=()):
        self.preload, self.paths = list(preload), [str(path) for path in paths]
        self.process = self.connection = None

    def build(self, arguments, report_file):
        """Pelican's command (`arguments`) in a new child; its exit status.
        The French report of a failed build is also written to `report_file`."""
        if self.process is None or not self.process.is_alive():
            self.start()
        try:
            self.connection.send((list(arguments), str(report_file)))
            return self.connection.recv()
        except (EOFError, BrokenPipeError):  # the build process died (killed, Ctrl+C): another next time
            self.stop()
            return 1

    def start(self):
        context = multiprocessing.get_context("spawn")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=fork_builds, args=(theirs, self.preload, self.paths), daemon=True)
        self.process.start()
        theirs.close()

    def stop(self):
        """End the build process (a new one starts with the next build)."""
        if self.process is not None:
            self.connection.close()
            self.process.join(timeout=10)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
        self.process = self.connection = None


def fork_builds(connection, preload, paths):
    """The build process: import once, then fork a child per build asked.
    Ctrl+C (which reaches every process of the terminal) ends it without a
    word: the preview's server (live_preview.serve) says, once, that it stopped."""
    try:
        sys.path[:0] = paths
        for name in preload:
            try:
                importlib.import_module(name)
            except Exception:  # the build, which imports it again, says what is wrong in French
                pass
        while True:
            try:
                arguments, report_file = connection.recv()
            except EOFError:  # the preview has ended
                return
            connection.send(build_in_a_child(arguments, report_file=report_file))
    except (KeyboardInterrupt, BrokenPipeError):  # Ctrl+C, or the preview ended during a build
        return


def build_in_a_child(arguments, environment=None, report_file=None, cwd=None):
    """Pelican's command in a child forked from this process, which must run
    no thread: the child has what this process imported, and Pelican's
    state of one build dies with it. Its exit status."""
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        # The build process is a daemon (it dies with the preview); a build is
        # not, so that pictures and programmes may be made on every core.
        multiprocessing.current_process().daemon = False
        if cwd is not None:
            os.chdir(cwd)
        os.environ.update(environment or {})
        os._exit(build_here(arguments, report_file))
    return os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])


def build_here(arguments, report_file=None):
    """run_pelican_here(), as the exit status Python would give it."""
    try:
        run_pelican_here(arguments, report_file)
        return 0
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or 0
        print(stop.code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C during a build: the preview says it stopped
        return 130
    except BaseException:
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def run_pelican_here(arguments, report_file=None):
    """Pelican's command in this process; the French report of a failed
    build is also written to `report_file` (the preview's page shows it)."""
    from pelican import main

    try:
        main(arguments)
    except SystemExit as stop:
        if report_file and isinstance(stop.code, str):
            Path(report_file).write_text(stop.code, encoding="utf-8")
        raise

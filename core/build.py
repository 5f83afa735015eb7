"""Stop the build on any warning or error, and list them all in one French report.

The plugin strict_build connects these functions to Pelican's signals; the
other plugins call `fail()` here. Plain Python: no signal, no plugin.

Pelican logs a problem and goes on: a page whose front matter is broken is
dropped, an unresolved link is left as it is, and the build still exits 0.
Here every warning or error logged during a build is collected as a
Problem (core/problems.py: file, line, field, message, fix); the build
stops before writing when content could not be read or a link resolved, or
after writing (into a staging folder) otherwise, with exit status 1 and a
report that names them all. With PROBLEMS_FILE set, the same problems are
written there as JSON (core/report.py), for the editor commands, GitHub
and the preview: no report is read back from its text.

A plugin logs a Problem as `logger.error("%s", problem)`; a French line
logged as text is kept as the message of one. Checks of the written site
(plugins/site_checks, search_index) connect to Pelican's own `finalized`
and stop the build themselves with `fail()`: the report then holds their
problems and every warning collected so far.
"""

import logging
import re
import sys
from dataclasses import replace
from pathlib import Path

from .crash import crash_problem, reason
from .names import editor_file
from .plugins import require
from .problems import Problem, label_of
from .report import terminal, write_json


# Pelican's messages an editor is most likely to meet, as Problems. Keys are
# the untranslated format strings Pelican logs; each function gets the
# record's arguments and `display` (a content file as editors name it).
def not_read(args, display):
    return Problem("ce fichier n'a pas pu être lu", file=display(args[0]))


def skipped(args, display):
    key = str(args[1])
    return Problem(
        "ce fichier est ignoré : ce champ manque dans son en-tête, qui commence ligne 1",
        file=display(args[0]), line=1, key=key, label=label_of(key),
        fix="ajoutez-le (une page a un titre, title: ; un article a aussi une date, date: 2026-11-05 ou 05/11/2026).")


def no_target(args, display):
    return Problem(f"le lien « {args[0]} » ne mène à aucun fichier du dossier content/",
                   fix="vérifiez le chemin écrit après {filename} ou {static}.")


def no_alt(args, display):
    return Problem(f"l'image {args[0]} n'a pas de texte de remplacement", file=display(args[1]),
                   fix="écrivez ce qu'elle montre entre les crochets : ![Ce que montre l’image](…).")


FRENCH = {
    "Could not process %s": not_read,
    "Skipping %s: could not find information about '%s'": skipped,
    "Unable to find '%s', skipping url replacement.": no_target,
    "Empty alt attribute for image %s in %s": no_alt,
}


def same_slug(args, display):
    """Two files or more with one slug: only one page would be published.
    Pelican's arguments: count, 'with slug "x"', lang, then the files."""
    with_what, files = args[1], sorted(display(path) for path in args[3:])
    slug = re.search(r'slug "([^"]*)"', with_what)
    return Problem(
        f"{' et '.join(files)} ont le même slug « {slug.group(1) if slug else with_what} » : "
        "une seule de ces pages serait publiée",
        file=files[0] if files else None, key="slug", label=label_of("slug"),
        fix="donnez à chacune son propre slug, ou renommez le fichier de l'une d'elles.")


def said_already(args, display):
    """Pelican's second warning about one slug for several files repeats the
    first: nothing to add to the report."""
    return None


# Pelican's messages whose arguments vary in number, by how they start
# (utils.get_original_items); each function returns a Problem, or None.
FRENCH_BY_START = {
    'There are %s items "%s" with lang %s': same_slug,
    "There are %s original (not translated) items %s": said_already,
}
# How our plugins' format strings start when they name the file (and its
# line) first: the file and line are then the record's own arguments.
_LEADS = (("%s, ligne %s : ", 2), ("%s : ", 1))


def translate(record, display):
    """The record as a Problem, in French where we know it; None to leave it out."""
    args = record.args if isinstance(record.args, tuple) else (record.args,)
    if record.msg == "%s" and len(args) == 1 and isinstance(args[0], Problem):
        return args[0]  # one of our plugins' problems, as it made it
    french = FRENCH.get(record.msg)
    if french:
        return french(args, display)
    for start, french in FRENCH_BY_START.items():
        if str(record.msg).startswith(start):
            return french(args, display)
    return placed(record, args, display)


def placed(record, args, display):
    """A message logged as text (a plugin not yet making Problems): its file
    and line when its format string gives them as its first arguments."""
    for lead, taken in _LEADS:
        if isinstance(record.msg, str) and record.msg.startswith(lead) and len(args) >= taken:
            file = display(args[0])
            if file is args[0]:  # not a content file
                break
            line = args[1] if taken == 2 else None
            try:
                rest = record.msg[len(lead):] % tuple(args[taken:])
            except (TypeError, ValueError):
                break
            return Problem(rest, file=file, line=int(line) if str(line).isdigit() else None)
    return Problem(record.getMessage())


class _Collector(logging.Handler):
    """Keeps every warning and error as a Problem, in French where known."""

    def __init__(self, settings):
        super().__init__(logging.WARNING)
        self.content_path = Path(settings["PATH"])
        self.settings = settings
        self.problems = []
        self.source = None  # the content file being worked on, when known (its path; named when a problem comes)

    def display(self, argument):
        """A content file as editors see it (content/pages/x.md), whether
        Pelican gave it absolute, relative to the content folder, as editors
        name it, or as the Content object itself; else the argument as it is."""
        return editor_file(argument, self.content_path) or argument

    def emit(self, record):
        if record.levelno >= logging.CRITICAL and record.exc_info:
            # Pelican caught an exception and ends the build: say it in French, now.
            self.problems.append(crash_problem(record.exc_info[1], self.settings))
            print(terminal(self.problems), file=sys.stderr)
            write_problems(self.settings, self.problems)
            return
        problem = translate(record, self.display)
        if problem is None:
            return
        # Pelican logs "Could not process <file>" without the reason unless
        # DEBUG is set; the reason is the exception being handled right now.
        error = sys.exc_info()[1]
        if error is not None and not record.exc_info and str(error) not in problem.message:
            problem = replace(problem, message=f"{problem.message} :\n{reason(error)}")
        if self.source and not problem.file:
            problem = replace(problem, file=self.display(self.source))
        if problem.file is not None and not isinstance(problem.file, str):  # a path Pelican gave, outside content/
            problem = replace(problem, file=str(problem.file))
        self.problems.append(problem)


_collector = None
# The settings of the build under way, kept once its collector has stopped:
# the checks of the written site (site_checks) stop the build on `finalized`
# after strict_build's own check has stopped collecting, and their problems
# still go where PROBLEMS_FILE says (the preview, /admin/, `make check`).
_build = {"settings": {}}


def _not_collected(record):
    """Keep the console for what the report will not say: each warning and
    error is printed once, in the report, rather than first wrapped in
    Pelican's log and then again. A crash (critical, with its traceback) is
    said by the report too (crash.py); other critical messages still show."""
    if record.exc_info and record.levelno >= logging.CRITICAL:
        return _collector is None
    return not logging.WARNING <= record.levelno < logging.CRITICAL


def start_collecting(pelican):
    require(pelican.settings, "le thème", *pelican.settings["THEME_NEEDS"])
    global _collector
    stop_collecting()
    _collector = _Collector(pelican.settings)
    _build["settings"] = pelican.settings
    root = logging.getLogger()
    for handler in root.handlers:
        handler.addFilter(_not_collected)
    root.addHandler(_collector)
    # `pelican -q` sets the level to CRITICAL (on the root and "pelican"
    # loggers): errors would not even be recorded, and a broken build would
    # pass in silence.
    for logger in (root, logging.getLogger("pelican")):
        if logger.getEffectiveLevel() > logging.WARNING:
            logger.setLevel(logging.WARNING)


def stop_collecting():
    """Detach the collector; return the Problems it collected."""
    global _collector
    problems = []
    if _collector is not None:
        root = logging.getLogger()
        root.removeHandler(_collector)
        for handler in root.handlers:
            handler.removeFilter(_not_collected)
        problems = _collector.problems
        _collector = None
    return problems


def as_problem(problem):
    """A Problem as it is; a French line of a plugin that does not make
    Problems yet, wrapped in one (its file and line stay in its text)."""
    return problem if isinstance(problem, Problem) else Problem(str(problem))


def write_problems(settings, problems):
    """The problems as JSON where PROBLEMS_FILE says (the editor commands and
    the preview read them there); nothing when it is not set."""
    path = settings.get("PROBLEMS_FILE")
    if path:
        write_json(problems, path)


def fail_if_problems(problems, settings):
    if problems:
        write_problems(settings, problems)
        # SystemExit: the report is printed as it is and the exit status is 1,
        # without the traceback Pelican would add to any other exception.
        raise SystemExit(terminal(problems))


def resolve_links(contents):
    """Turn every published page's {filename} links into URLs now, knowing
    which file each problem comes from: Pelican's warning names only the
    target. Pelican memoizes the result, so the writer does not do it again."""
    for content in contents:
        if content is None or content.status not in ("published", "hidden"):
            continue
        _collector.source = content.relative_source_path
        content.content  # noqa: B018 (the property resolves the links)
    _collector.source = None


def check_before_writing(generators):
    settings = _collector.settings
    if not _collector.problems:
        resolve_links(generators[0].context["generated_content"].values())
    if _collector.problems:
        fail_if_problems(stop_collecting(), settings)


def check_after_writing(pelican):
    fail_if_problems(stop_collecting(), pelican.settings)


def fail(problems):
    """Stop the build with `problems` (Problems, or French lines of plugins
    that do not make them yet) and every problem collected so far, in one
    report; nothing when there is no problem."""
    problems = [as_problem(problem) for problem in problems]
    if problems:
        settings = _collector.settings if _collector is not None else _build["settings"]
        fail_if_problems(stop_collecting() + problems, settings)

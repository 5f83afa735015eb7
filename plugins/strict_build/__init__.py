"""Stop the build on any warning or error, and list them all in one French report.

Pelican logs a problem and goes on: a page whose front matter is broken is
dropped, an unresolved link is left as it is, and the build still exits 0.
Here every warning or error logged during a build is collected; the build
stops before writing when content could not be read or a link resolved, or
after writing (into a staging folder) otherwise, with exit status 1 and a
report that names them all.

Checks of the written site (plugins/site_checks, search_index) connect to
Pelican's own `finalized` and stop the build themselves with `fail()`: the
report then holds their problems and every warning collected so far.
Receivers of one signal run in no fixed order, so no plugin waits for
another there. `require()` lets a plugin say, at start-up, which others it
needs.
"""

import logging
import re
import sys
from pathlib import Path

from pelican import signals

from .crash import crash_message, reason

# Pelican's messages an editor is most likely to meet, in French.
# Keys are the untranslated format strings Pelican logs.
FRENCH = {
    "Could not process %s": "le fichier {0} n'a pas pu être lu.",
    "Skipping %s: could not find information about '%s'": (
        "le fichier {0} est ignoré : le champ « {1} » manque dans son en-tête, qui commence ligne 1 ; "
        "ajoutez-le (une page a un titre, title: ; un article a aussi une date, date: 2026-11-05 ou 05/11/2026)."
    ),
    "Unable to find '%s', skipping url replacement.": (
        "le lien « {0} » ne mène à aucun fichier du dossier content/."
    ),
    "Empty alt attribute for image %s in %s": (
        "{1} : l'image {0} n'a pas de texte de remplacement ; écrivez ce qu'elle montre entre les "
        "crochets : ![Ce que montre l’image](…)."
    ),
}


def same_slug(args, display):
    """Two files or more with one slug: only one page would be published.
    Pelican's arguments: count, 'with slug "x"', lang, then the files."""
    with_what, files = args[1], sorted(display(path) for path in args[3:])
    slug = re.search(r'slug "([^"]*)"', with_what)
    return (
        f"{' et '.join(files)} ont le même slug « {slug.group(1) if slug else with_what} » (champ slug) : "
        "une seule de ces pages serait publiée. Donnez à chacune son propre slug, "
        "ou renommez le fichier de l'une d'elles."
    )


def said_already(args, display):
    """Pelican's second warning about one slug for several files repeats the
    first: nothing to add to the report."""
    return None


# Pelican's messages whose arguments vary in number, by how they start
# (utils.get_original_items); each function returns the French line, or None.
FRENCH_BY_START = {
    'There are %s items "%s" with lang %s': same_slug,
    "There are %s original (not translated) items %s": said_already,
}


def translate(record, display):
    """The record's message in French where we know it; None to leave it out."""
    args = record.args if isinstance(record.args, tuple) else (record.args,)
    template = FRENCH.get(record.msg)
    if template:
        return template.format(*map(display, args))
    for start, french in FRENCH_BY_START.items():
        if str(record.msg).startswith(start):
            return french(args, display)
    return record.getMessage()


class _Collector(logging.Handler):
    """Keeps the messages of every warning and error, in French where known."""

    def __init__(self, content_path):
        super().__init__(logging.WARNING)
        self.content_path = Path(content_path)
        self.messages = []
        self.source = None  # the content file being worked on, when known

    def display(self, argument):
        """A content file as editors see it (content/pages/x.md), whether
        Pelican gave it absolute, relative to the content folder, or as the
        Content object itself."""
        argument = getattr(argument, "source_path", argument)
        if isinstance(argument, str) and argument:
            path = self.content_path / argument
            if path.is_file():
                return f"{self.content_path.name}/{path.relative_to(self.content_path).as_posix()}"
        return argument

    def emit(self, record):
        if record.levelno >= logging.CRITICAL and record.exc_info:
            # Pelican caught an exception and ends the build: say it in French, now.
            self.messages.append(crash_message(record.exc_info[1], self.content_path))
            print(report(self.messages), file=sys.stderr)
            return
        message = translate(record, self.display)
        if message is None:
            return
        # Pelican logs "Could not process <file>" without the reason unless
        # DEBUG is set; the reason is the exception being handled right now.
        error = sys.exc_info()[1]
        if error is not None and not record.exc_info and str(error) not in message:
            message = f"{message}\n     {reason(error)}"
        if self.source:
            message = f"{self.source} : {message}"
        self.messages.append(message)


_collector = None


def _not_collected(record):
    """Keep the console for what the report will not say: each warning and
    error is printed once, in the report, rather than first wrapped in
    Pelican's log and then again. A crash (critical, with its traceback) is
    said by the report too (crash.py); other critical messages still show."""
    if record.exc_info and record.levelno >= logging.CRITICAL:
        return _collector is None
    return not logging.WARNING <= record.levelno < logging.CRITICAL


def start_collecting(pelican):
    require(pelican.settings, "le thème", *pelican.settings.get("THEME_NEEDS", []))
    global _collector
    stop_collecting()
    _collector = _Collector(pelican.settings["PATH"])
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
    """Detach the collector; return what it collected."""
    global _collector
    messages = []
    if _collector is not None:
        root = logging.getLogger()
        root.removeHandler(_collector)
        for handler in root.handlers:
            handler.removeFilter(_not_collected)
        messages = _collector.messages
        _collector = None
    return messages


def report(messages):
    """The French report of a failed build."""
    count = len(messages)
    title = "1 problème" if count == 1 else f"{count} problèmes"
    lines = [f"La construction du site a échoué : {title} à corriger."]
    lines += [f"  {number}. {message}" for number, message in enumerate(messages, 1)]
    lines.append("Rien n'a été publié. Corrigez ces points puis relancez la construction.")
    return "\n".join(lines)


def fail_if_problems(messages):
    if messages:
        # SystemExit: the report is printed as it is and the exit status is 1,
        # without the traceback Pelican would add to any other exception.
        raise SystemExit(report(messages))


def resolve_links(contents):
    """Turn every published page's {filename} links into URLs now, knowing
    which file each problem comes from: Pelican's warning names only the
    target. Pelican memoizes the result, so the writer does not do it again."""
    for content in contents:
        if content is None or content.status not in ("published", "hidden"):
            continue
        _collector.source = _collector.display(content.relative_source_path)
        content.content  # noqa: B018 (the property resolves the links)
    _collector.source = None


def check_before_writing(generators):
    if not _collector.messages:
        resolve_links(generators[0].context["generated_content"].values())
    if _collector.messages:
        fail_if_problems(stop_collecting())


def check_after_writing(pelican):
    fail_if_problems(stop_collecting())


def fail(problems):
    """Stop the build with `problems` (French lines) and every warning
    collected so far, in one report; nothing when there is no problem."""
    problems = list(problems)
    if problems:
        fail_if_problems(stop_collecting() + problems)


def plugin_names(settings):
    """The names of the plugins in PLUGINS (a name, or the module itself)."""
    return {getattr(plugin, "__name__", str(plugin)).rsplit(".", 1)[-1] for plugin in settings.get("PLUGINS") or []}


def require(settings, plugin, *needed):
    """Stop at start-up, in French, when `plugin` runs without a plugin it needs."""
    missing = [name for name in needed if name not in plugin_names(settings)]
    if missing:
        names = " et ".join(f"« {name} »" for name in missing)
        who = plugin if plugin == "le thème" else f"l'extension « {plugin} »"
        raise SystemExit(
            f"La construction ne peut pas commencer : {who} a besoin de l'extension {names}. "
            f"Ajoutez-{'la' if len(missing) == 1 else 'les'} à PLUGINS dans pelicanconf.py."
        )


def register():
    signals.initialized.connect(start_collecting)
    signals.all_generators_finalized.connect(check_before_writing)
    signals.finalized.connect(check_after_writing)

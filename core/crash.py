"""A build that crashes still ends in one French report naming what it can.

Pelican catches any exception of a build and logs it as CRITICAL with its
traceback, in English. strict_build's collector receives that record (a
public logging hook): here it becomes one French line naming the template
(a Jinja error, a template missing from THEME) or the content file being
read (RecursionError, MemoryError, anything else), found in the
traceback's frames. `pelican -D` still prints the traceback, for developers.
"""

import errno
import re
from pathlib import Path

from .names import editor_name
from .problems import Problem, label_of

# Where Pelican and its readers keep the file they are reading.
_SOURCE_NAMES = ("source_path", "path", "filename", "page", "article", "content")


def template_line(error):
    """(template file, line) where a Jinja template raised, innermost first:
    Jinja gives a template's frames the template's own file and line."""
    lineno = getattr(error, "lineno", None)
    if getattr(error, "filename", None) and lineno:
        return error.filename, lineno
    for frame, line in reversed(list(frames(error.__traceback__))):
        if frame.f_code.co_filename.endswith((".html", ".xml", ".j2")):
            return frame.f_code.co_filename, line
    return None


def frames(traceback):
    """(frame, line) of a traceback, outermost first."""
    while traceback is not None:
        yield traceback.tb_frame, traceback.tb_lineno
        traceback = traceback.tb_next


def source_file(error, content_path):
    """The content file being read when `error` was raised, if a frame
    names one inside `content_path`."""
    content_path = Path(content_path).resolve()
    for frame, _ in reversed(list(frames(error.__traceback__))):
        for name in _SOURCE_NAMES:
            value = frame.f_locals.get(name)
            value = getattr(value, "source_path", value)
            if isinstance(value, str | Path) and value:
                path = (content_path / value).resolve()
                if path.is_file() and path.is_relative_to(content_path):
                    return editor_name(path, content_path)
    return None


def shown(path, root):
    """A template's path from the repository when it is inside it."""
    path = Path(path).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def reason(error):
    """Why a file could not be read, in French where Python says it in English."""
    if isinstance(error, RecursionError):
        return ("le texte est imbriqué trop profondément pour être lu (listes, citations « > » ou balises "
                "les unes dans les autres) ; revenez à quelques niveaux.")
    if isinstance(error, MemoryError):
        return "la mémoire a manqué pour lire ce fichier ; coupez-le en plusieurs pages plus courtes."
    return str(error)


def crash_problem(error, settings):
    """One French Problem for an exception that stopped Pelican."""
    content_path = Path(settings["PATH"])
    root = content_path.resolve().parent
    kind = type(error).__name__
    if kind in ("PelicanTemplateNotFound", "TemplateNotFound"):
        return missing_template(error, settings)
    if isinstance(error, OSError) and writing_output(error.filename, settings.get("OUTPUT_PATH")):
        return unwritable(error)
    where = template_line(error)
    source = source_file(error, content_path)
    if where:
        about = f" (en écrivant {source})" if source else ""
        return Problem(f"le modèle du thème a échoué{about} : {kind} : {error}", file=shown(where[0], root),
                       line=where[1], fix="corrigez le modèle à cette ligne, ou revenez à la version précédente du thème.")
    if isinstance(error, RecursionError | MemoryError):
        return Problem(reason(error), file=source)
    return Problem(f"la construction s'est arrêtée sur une erreur inattendue ({kind} : {error})", file=source,
                   fix="signalez-la à la personne qui s'occupe du site (pelican -D montre le détail).")


def missing_template(error, settings):
    """A template the theme does not have: the page that asks for it (its
    `template:` line) and the templates there are."""
    missing = re.search(r"unable to load (\S+?)(?:\[[^\]]*\])? from", str(error))
    name = missing.group(1) if missing else getattr(error, "name", str(error))
    name = str(name).removesuffix(".html")
    known = ", ".join(theme_templates(settings)) or "aucun"
    source = source_file(error, settings["PATH"])
    key, line = template_key(content_of(error))
    if source and line:  # the editor asked for it (template: or layout:)
        return Problem(f"le modèle « {name} » n’existe pas dans le thème", file=source, line=line, key=key,
                       label=label_of(key), fix=f"écrivez l’un des modèles du thème : {known}.")
    return Problem(f"le modèle « {name} » manque dans le thème (réglage THEME)",
                   fix=f"ajoutez theme/templates/{name}.html au thème, ou revenez au thème du site. Modèles du thème : {known}.")


def theme_templates(settings):
    """The page templates the theme has (theme/templates/*.html, and those
    THEME_TEMPLATES_OVERRIDES adds), by the name `template:` takes."""
    folders = [Path(settings.get("THEME", "")) / "templates", *map(Path, settings.get("THEME_TEMPLATES_OVERRIDES", []))]
    return sorted({path.stem for folder in folders if folder.is_dir() for path in folder.glob("*.html")})


def content_of(error):
    """The Content object (page or article) being written when `error` was raised."""
    for frame, _ in reversed(list(frames(error.__traceback__))):
        for name in _SOURCE_NAMES:
            value = frame.f_locals.get(name)
            if hasattr(value, "source_path") and hasattr(value, "metadata"):
                return value
    return None


def template_key(content):
    """(key, line) of the front matter's `template:` (or Jekyll's `layout:`)."""
    written = getattr(content, "metadata", {}).get("front_matter") if content is not None else None
    lines = getattr(written, "lines", None) or {}
    for key in ("template", "layout"):
        if (key,) in lines:
            return key, lines[(key,)]
    return None, None


def writing_output(filename, output):
    """Whether `filename` is the output folder, inside it or one of its parents."""
    if not filename or not output:
        return False
    path, output = Path(filename).resolve(), Path(output).resolve()
    return path.is_relative_to(output) or output.is_relative_to(path)


def unwritable(error):
    """The output folder (or its parent) cannot be written: say which, in French."""
    why = {errno.EACCES: "vous n’avez pas le droit d’y écrire", errno.EPERM: "vous n’avez pas le droit d’y écrire",
           errno.EROFS: "il est en lecture seule", errno.ENOENT: "ce dossier n’existe pas",
           errno.ENOTDIR: "un fichier y porte le nom d’un dossier", errno.EEXIST: "un fichier porte déjà ce nom",
           errno.ENOSPC: "le disque est plein"}
    because = why.get(error.errno, error.strerror or str(error))
    return Problem(f"le site ne peut pas être écrit dans « {error.filename} » : {because}",
                   fix="choisissez un autre dossier de sortie (option -o ou --output), ou donnez le droit d’y écrire.")

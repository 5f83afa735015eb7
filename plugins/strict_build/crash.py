"""A build that crashes still ends in one French report naming what it can.

Pelican catches any exception of a build and logs it as CRITICAL with its
traceback, in English. strict_build's collector receives that record (a
public logging hook): here it becomes one French line naming the template
(a Jinja error, a template missing from THEME) or the content file being
read (RecursionError, MemoryError, anything else), found in the
traceback's frames. `pelican -D` still prints the traceback, for developers.
"""

import re
from pathlib import Path

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
                    return f"{content_path.name}/{path.relative_to(content_path).as_posix()}"
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


def crash_message(error, content_path):
    """One French line for an exception that stopped Pelican."""
    root = Path(content_path).resolve().parent
    kind = type(error).__name__
    missing = re.search(r"unable to load (\S+?)(?:\[\.html\])? from", str(error))
    if kind in ("PelicanTemplateNotFound", "TemplateNotFound"):
        name = missing.group(1) if missing else getattr(error, "name", str(error))
        return (f"le modèle « {name} » manque dans le thème (réglage THEME) ; ajoutez "
                f"templates/{name.removesuffix('.html')}.html au thème, ou revenez au thème du site.")
    where = template_line(error)
    source = source_file(error, content_path)
    if where:
        at = f"{shown(where[0], root)}, ligne {where[1]}"
        about = f" (en écrivant {source})" if source else ""
        return (f"{at} : le modèle du thème a échoué{about} : {kind} : {error}. Corrigez le modèle à cette ligne, "
                "ou revenez à la version précédente du thème.")
    at = f"{source} : " if source else ""
    if isinstance(error, RecursionError | MemoryError):
        return at + reason(error)
    return (f"{at}la construction s'est arrêtée sur une erreur inattendue ({kind} : {error}) ; "
            "signalez-la à la personne qui s'occupe du site (pelican -D montre le détail).")

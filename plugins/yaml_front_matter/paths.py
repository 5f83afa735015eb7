"""Front matter fields that name a place: none may lead out of the site.

Pelican's writer checks `save_as` with a string prefix: `../output.staging-evil/x.html`
starts like `output.staging` and is written beside it. Here each field is
resolved as a path inside the output folder (or the theme's templates) and
compared by its parts. `url_prefix` is the folder's, set by pelicanconf.py's
EXTRA_PATH_METADATA: an editor never writes it.
"""

import os
from pathlib import Path

# The fields that name a place in the output folder.
OUTPUT_FIELDS = ("save_as", "url")
# Templates an editor cannot choose: pieces of the others.
NOT_PAGES = {"base", "macros"}


def place_problems(data, settings):
    """(field, French problem) for each field of `data` that leads elsewhere."""
    problems = []
    if "url_prefix" in data:
        problems.append(("url_prefix", "le champ « url_prefix » ne s’écrit pas dans un en-tête : l’adresse "
                                       "d’une page dépend du dossier où elle est rangée. Retirez cette ligne."))
    for field in OUTPUT_FIELDS:
        value = data.get(field)
        # Resolved only for a page that has the field: resolve() asks the disk.
        if value is not None and not _inside(Path(settings["OUTPUT_PATH"]).resolve(), str(value)):
            problems.append((field, f"« {field}: {value} » mènerait hors du site ; écrivez un chemin dans le site, "
                                    "sans « .. » ni « / » au début, ou retirez ce champ."))
    slug = data.get("slug")
    if slug is not None and (not str(slug).strip() or any(part in ("", ".", "..") for part in str(slug).split("/"))
                             or "\\" in str(slug) or ":" in str(slug)):
        problems.append(("slug", f"« slug: {slug} » n’est pas un nom de page ; écrivez des minuscules, des "
                                 "chiffres et des tirets, par exemple « slug: mon-atelier »."))
    template = data.get("template")
    if template is not None:
        problem = _template_problem(str(template), settings)
        if problem:
            problems.append(("template", problem))
    return problems


def _inside(output, value):
    """Whether `value`, as a path in `output`, stays in it (resolved, by parts);
    a scheme (`javascript:`, `https:`) or a drive never does."""
    if value.startswith(("/", "\\")) or ":" in value or "\\" in value:
        return False
    return (output / value).resolve().is_relative_to(output)


def _template_problem(name, settings):
    folder = (Path(settings["THEME"]) / "templates").resolve()
    names = sorted(path.stem for path in folder.glob("*.html") if path.stem not in NOT_PAGES)
    path = (folder / f"{name}.html").resolve()
    if path.parent == folder and path.is_file() and name not in NOT_PAGES:
        return None
    return (f"le modèle « {name} » n’existe pas ; les modèles sont : {', '.join(names)}. "
            "Retirez le champ template pour la mise en page ordinaire.")


def outside_links(content):
    """Each symbolic link in `content` (file or folder) that leads outside it,
    or nowhere: Pelican would read or copy what it points to, a page from
    elsewhere or /proc/self/environ as a picture. Named as editors see them."""
    content = Path(content).resolve()
    found = []
    for folder, folders, files in os.walk(content):
        for name in sorted([*folders, *files]):
            path = Path(folder, name)
            if not path.is_symlink():
                continue
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                target = None
            if target is None or not target.is_relative_to(content):
                found.append(f"{content.name}/{path.relative_to(content).as_posix()}")
    return found


def refuse_outside_links(pelican):
    """Stop before reading anything when content/ links outside itself."""
    links = outside_links(pelican.settings["PATH"])
    if links:
        raise SystemExit(
            "La construction du site a échoué : ces liens symboliques du dossier des textes mènent hors de ce "
            "dossier, et rien n’est publié de l’extérieur. Remplacez chacun par une copie du fichier, "
            "ou supprimez-le :\n" + "\n".join(f"  - {link}" for link in links)
        )

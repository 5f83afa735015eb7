"""Two things written at one address: Pelican's writer would stop with an
English traceback (« Failed to overwrite … »), or one page would hide the
other. A content file whose address is taken by a page the site generates
(the article list at /ressources/, another direct template) or by another
content file, or whose name gives no address at all (`!!!.md`), is named
here in French before anything is written. The comparison page checks its
own address (plugins/comparison); Pelican's warning about one slug for two
files of one kind is translated by strict_build.
"""

import posixpath

# What each generated page is, for the editor.
GENERATED = {"INDEX_SAVE_AS": "la liste des articles"}

def generated_pages(settings):
    """{written path: what it is} for the pages the site writes from its
    templates alone (DIRECT_TEMPLATES); the comparison checks its own."""
    pages = {}
    for name in settings.get("DIRECT_TEMPLATES", []):
        key = f"{name.upper()}_SAVE_AS"
        save_as = settings.get(key, f"{name}.html")
        if save_as:
            pages[posixpath.normpath(save_as)] = GENERATED.get(key, f"la page « {name} » du thème")
    return pages

def address(save_as):
    """/ressources/ for ressources/index.html: the address an editor sees."""
    folder, name = posixpath.split(save_as)
    return f"/{folder}/" if name == "index.html" and folder else f"/{save_as}"

def collision_problems(contents, settings, display):
    """French lines for each published content file with no address or with
    one already taken. `contents` are Pelican's Page and Article objects;
    `display(content)` names the file as the editor knows it."""
    problems, taken = [], generated_pages(settings)
    owners = {}
    for content in sorted(contents, key=display):
        source = display(content)
        if not content.slug:
            stem = posixpath.splitext(posixpath.basename(source))[0]
            problems.append(
                f"{source} : le nom du fichier « {stem} » ne donne aucune adresse (il n’a ni lettre ni chiffre) ; "
                "renommez le fichier avec des lettres, des chiffres et des tirets, par exemple « mon-atelier.md ».")
            continue
        save_as = posixpath.normpath(content.save_as)
        if save_as in taken:
            problems.append(
                f"{source} : la page serait publiée à l’adresse {address(save_as)}, réservée à {taken[save_as]} ; "
                "renommez le fichier (ou donnez-lui un autre slug).")
        elif save_as in owners:
            problems.append(
                f"{owners[save_as]} et {source} seraient publiés à la même adresse {address(save_as)} : "
                "une page effacerait l’autre ; renommez l’un des fichiers (ou donnez-lui un autre slug).")
        else:
            owners[save_as] = source
    return problems

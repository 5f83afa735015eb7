"""The checker's findings as Problems for editors (core/problems.py): the
content file and its line where known, the page, the link, the reason; the
links to one missing address as one problem (a page the theme links to from
every page is not named once per page)."""

from core.problems import Problem


def describe(problem, sources=None):
    """One problem of a built page: the content file it comes from, when
    known, the page, the line in the built HTML, the link as written, why."""
    source = (sources or {}).get(problem.page)
    return Problem(f"page {problem.page}, ligne {problem.line} du HTML, lien « {problem.link} » : {problem.reason}",
                   file=source)


def describe_in_source(problem, source=None, line=None):
    """One problem of a built page, placed where the editor can fix it: the
    content file and the line where the link is written; a link that is not
    in the file comes from a template (no line). Never the HTML's line."""
    if source and line:
        return Problem(f"lien « {problem.link} » (page {problem.page}) : {problem.reason}", file=source, line=line)
    if source:
        return Problem(f"lien « {problem.link} » de la page {problem.page}, absent du texte (il vient du gabarit "
                       f"du thème) : {problem.reason}", file=source)
    return Problem(f"page {problem.page} (page produite par le thème), lien « {problem.link} » : {problem.reason}")


# How many of the places that link to a missing page the report names.
PLACES_SHOWN = 3


def in_source(problems, sources, lines):
    """The problems of the built pages for editors, each where it can be
    fixed (describe_in_source); the links to one missing address are one
    problem (missing_page), not one per link: a page the theme links to from
    every page would otherwise be named once per page. In the order found."""
    groups = {}  # a missing address, or a problem's index -> its links
    for index, (problem, line) in enumerate(zip(problems, lines, strict=True)):
        key = getattr(problem.reason, "address", index)
        groups.setdefault(key, []).append((problem, sources.get(problem.page), line))
    return [missing_page(key, places) if isinstance(key, str) else describe_in_source(*places[0])
            for key, places in groups.items()]


def missing_page(address, places):
    """One Problem for every link to `address`, where nothing is published:
    (link problem, content file or None, line or None) for each link. One
    link reads as any other problem; several are counted, the first few
    places named, and the problem is placed at the first line that writes one."""
    if len(places) == 1:
        return describe_in_source(*places[0])
    pages = len({problem.page for problem, _, _ in places})
    named = list(dict.fromkeys(where(*place) for place in places))
    more = len(named) - PLACES_SHOWN
    listed = ", ".join(named[:PLACES_SHOWN]) + (f" et {more} autre{'s' if more > 1 else ''}" if more > 0 else "")
    file, line = next(((source, line) for _, source, line in places if source and line), (None, None))
    return Problem(f"aucune page ni aucun fichier à l'adresse {address}, vers laquelle mènent {len(places)} liens "
                   f"de {pages} page{'s' if pages > 1 else ''} : {listed}", file=file, line=line,
                   fix="publiez une page à cette adresse (pour une page, un fichier de content/pages/ dont le nom "
                       "donne l’adresse) ou corrigez ces liens")


def where(problem, source, line):
    """Where one link is written: the file and line, or the page and its template."""
    if source and line:
        return f"{source}, ligne {line}"
    if source:
        return f"{source} (gabarit du thème)"
    return f"page {problem.page} (produite par le thème)"


def external_lines(external):
    """The external links, one per line with where they appear; they are
    listed, not fetched (`invoke check-links --external` fetches them)."""
    lines = []
    for url in sorted(external):
        places = ", ".join(f"{page} l. {line}" for page, line in external[url])
        lines.append(f"  {url}  ({places})")
    return lines

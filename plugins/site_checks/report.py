"""The checker's findings as Problems for editors (core/problems.py): the
content file and its line where known, the page, the link, the reason."""

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


def external_lines(external):
    """The external links, one per line with where they appear; they are
    listed, not fetched (`invoke check-links --external` fetches them)."""
    lines = []
    for url in sorted(external):
        places = ", ".join(f"{page} l. {line}" for page, line in external[url])
        lines.append(f"  {url}  ({places})")
    return lines

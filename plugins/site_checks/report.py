"""The checker's findings as French lines for editors: page, line, link, reason."""


def describe(problem, sources=None):
    """One problem: the page (and the content file it comes from, when
    known), the line in the built HTML, the link as written, and why."""
    source = (sources or {}).get(problem.page)
    where = f"{problem.page} ({source})" if source else problem.page
    return f"page {where}, ligne {problem.line}, lien « {problem.link} » : {problem.reason}"


def describe_in_source(problem, source=None, line=None):
    """One problem of a built page, placed where the editor can fix it: the
    content file and the line where the link is written; a link that is not
    in the file comes from a template (no line). Never the HTML's line."""
    what = f"lien « {problem.link} » : {problem.reason}"
    if source and line:
        return f"{source}, ligne {line} (page {problem.page}), {what}"
    if source:
        return f"page {problem.page} ({source} ; lien absent du texte : il vient du gabarit du thème), {what}"
    return f"page {problem.page} (page produite par le thème), {what}"


def external_lines(external):
    """The external links, one per line with where they appear; they are
    listed, not fetched (`invoke check-links --external` fetches them)."""
    lines = []
    for url in sorted(external):
        places = ", ".join(f"{page} l. {line}" for page, line in external[url])
        lines.append(f"  {url}  ({places})")
    return lines

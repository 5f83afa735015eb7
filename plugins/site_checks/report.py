"""The checker's findings as French lines for editors: page, line, link, reason."""


def describe(problem, sources=None):
    """One problem: the page (and the content file it comes from, when
    known), the line in the built HTML, the link as written, and why."""
    source = (sources or {}).get(problem.page)
    where = f"{problem.page} ({source})" if source else problem.page
    return f"page {where}, ligne {problem.line}, lien « {problem.link} » : {problem.reason}"


def external_lines(external):
    """The external links, one per line with where they appear; they are
    listed, not fetched (`invoke check-links --external` fetches them)."""
    lines = []
    for url in sorted(external):
        places = ", ".join(f"{page} l. {line}" for page, line in external[url])
        lines.append(f"  {url}  ({places})")
    return lines

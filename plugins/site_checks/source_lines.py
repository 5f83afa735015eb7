"""Where, in the Markdown file an editor wrote, a link of a built page is:
the report names that line, never the generated HTML's, which the editor
never sees. A link not found in the file came from a template: no line."""

import re
from html import escape
from pathlib import Path

# What may stand just before and just after a link as written in Markdown or
# in HTML: ( ) < > quotes, = and spaces, or the line's ends; before, also the
# } of {static}, which the page shows resolved.
_BEFORE = r"(?<![^\s(\"'=<,}])"
_AFTER = r"(?![^\s)\"'>,])"


def written_forms(link, siteurl=""):
    """The ways an editor may have written a link that the built page shows
    as `link`: as it is, HTML-escaped, and without the site's address."""
    forms = {link, escape(link, quote=False)}
    if siteurl and link.startswith(siteurl.rstrip("/") + "/"):
        forms.add(link[len(siteurl.rstrip("/")):])
    return sorted(form for form in forms if form)


def link_lines(text, link, siteurl="", target=None):
    """The numbers of the lines of `text` where `link` is written, in order;
    or, when the page shows it resolved from `{filename}`, where the file it
    leads to (`target`, ateliers/x.md) is named after {filename}."""
    forms = written_forms(link, siteurl)
    patterns = [_BEFORE + "(?:" + "|".join(map(re.escape, forms)) + ")" + _AFTER] if forms else []
    if target:
        patterns.append(r"\{filename\}[^\s)\"'>]*" + re.escape(Path(target).name) + _AFTER)
    if not patterns:
        return []
    pattern = re.compile("|".join(patterns))
    return [number for number, line in enumerate(text.splitlines(), 1) if pattern.search(line)]


def source_lines(problems, read_source, siteurl="", target_of=lambda problem: None, read_page=lambda page: None):
    """For each problem (in order), the line of its page's source file where
    its link is written, or None (a template's link, or a page without a
    source). A link written more than once: when the built page (`read_page`)
    shows it as many times, the problem's occurrence in the page gives the one
    in the file; otherwise the n-th problem with that link gets the n-th line.
    `target_of` names the content file a problem's link leads to, if any."""
    found, seen = [], {}
    for problem in problems:
        text = read_source(problem.page)
        lines = link_lines(text, problem.link, siteurl, target_of(problem)) if text is not None else []
        nth = seen.get((problem.page, problem.link), 0)
        seen[(problem.page, problem.link)] = nth + 1
        if len(lines) > 1:
            html = read_page(problem.page)
            shown = link_lines(html, problem.link) if html else []
            if len(shown) == len(lines) and problem.line in shown:
                nth = shown.index(problem.line)
        found.append(lines[min(nth, len(lines) - 1)] if lines else None)
    return found

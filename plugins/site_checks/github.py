"""`make check` under GitHub Actions: each problem also as a workflow command
(`::error file=…,line=…::…`), so that GitHub shows it on the line of the
file, and a French summary for the run's page ($GITHUB_STEP_SUMMARY): the
problems, then the pages added, changed and removed compared with the site
that is published.

The problems arrive as Problem objects (core/problems.py), from the JSON
the build wrote and from the checks themselves: their file and line are
data, never read back from the French text.
"""

import os
from pathlib import Path

from core.report import annotation, summary
from core.site import url_path


def running_on_github():
    return os.environ.get("GITHUB_ACTIONS") == "true"


def html_pages(folder):
    """{URL path: bytes} of the pages of a built site."""
    root = Path(folder)
    return {url_path(path.relative_to(root).as_posix()): path.read_bytes() for path in sorted(root.rglob("*.html"))}


def compare_sites(new, published):
    """(added, changed, removed) URL paths of the pages of `new` against
    those of `published`, two built folders."""
    now, before = html_pages(new), html_pages(published)
    added = sorted(set(now) - set(before))
    removed = sorted(set(before) - set(now))
    changed = sorted(url for url in set(now) & set(before) if now[url] != before[url])
    return added, changed, removed


def publish_report(problems, comparison=None, siteurl="", out=print):
    """Under GitHub Actions: print a workflow command per problem and append
    the summary to $GITHUB_STEP_SUMMARY. Elsewhere, nothing."""
    if not running_on_github():
        return
    for problem in problems:
        out(annotation(problem))
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(summary(problems, comparison, siteurl))

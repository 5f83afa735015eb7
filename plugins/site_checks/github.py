"""`make check` under GitHub Actions: each problem also as a workflow command
(`::error file=…,line=…::…`), so that GitHub shows it on the line of the
file, and a French summary for the run's page ($GITHUB_STEP_SUMMARY): the
problems, then the pages added, changed and removed compared with the site
that is published.

The problems arrive as the French lines the build and the checks print
(strict_build's report, site_checks' lines); the file and the line are read
from them (« content/ateliers/x.md, ligne 5, … »), so no plugin has to know
about GitHub.
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .links import url_path

# A file the editor can open, as the reports write it, and its line when given.
_PLACE = re.compile(r"(?<![\w/.-])(?P<file>[\w.-]+(?:/[\w.-]+)*\.(?:md|markdown|ya?ml|py))(?:, ligne (?P<line>\d+))?")
# « 3. … » in strict_build's report; its reasons go on lines indented further.
_ITEM = re.compile(r"^ {2}\d+\. (?P<message>.*)$")
_CONTINUED = re.compile(r"^ {5,}(?P<more>\S.*)$")
# The annotation's title, by level.
TITLES = {"error": "Site : à corriger", "warning": "Site : à compléter"}


@dataclass(frozen=True)
class Finding:
    message: str  # in French, as printed
    file: str | None = None  # from the repository's root
    line: int | None = None
    level: str = "error"  # or "warning"


def running_on_github():
    return os.environ.get("GITHUB_ACTIONS") == "true"


def place_of(message, level="error"):
    """A French problem line as a Finding: the first content file it names,
    and the line it gives for it."""
    match = _PLACE.search(message)
    if match is None:
        return Finding(message, level=level)
    line = int(match["line"]) if match["line"] else None
    return Finding(message, match["file"], line, level)


def report_items(text):
    """The problems of a build's French report (strict_build), one message
    each, its continuation lines joined."""
    items = []
    for line in text.splitlines():
        item, more = _ITEM.match(line), _CONTINUED.match(line)
        if item:
            items.append(item["message"])
        elif more and items:
            items[-1] += " " + more["more"]
    return items


def escape_data(text):
    """A workflow command's message: %, CR and LF encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    """A workflow command's property value: also : and , encoded."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding):
    """`::error file=…,line=…,title=…::message` for one finding."""
    properties = {"file": finding.file, "line": finding.line, "title": TITLES.get(finding.level, TITLES["error"])}
    listed = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items() if value)
    return f"::{finding.level} {listed}::{escape_data(finding.message)}"


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


def _place(finding):
    if finding.file and finding.line:
        return f"`{finding.file}`, ligne {finding.line}"
    return f"`{finding.file}`" if finding.file else "site construit"


# A warning shown above all the rest: without a contact address, visitors
# cannot write to the association (tasks.py, missing_identity).
FIRST = "Aucune adresse de contact"


def summary(findings, comparison=None, siteurl=""):
    """The run's summary, in French Markdown."""
    errors = [finding for finding in findings if finding.level == "error"]
    warnings = sorted((finding for finding in findings if finding.level != "error"),
                      key=lambda finding: not finding.message.startswith(FIRST))
    if errors:
        count = "1 problème" if len(errors) == 1 else f"{len(errors)} problèmes"
        lines = [f"## ❌ Vérification du site : {count} à corriger", "",
                 "Le site n’est pas publié tant que ces points ne sont pas corrigés. "
                 "Chacun est aussi signalé sur la ligne du fichier, dans l’onglet « Files changed » de la demande de fusion.", ""]
    else:
        lines = ["## ✅ Vérification du site : tout est correct", ""]
    lines[2:2] = [f"> ⚠️ **{_cell(finding.message)}** ({_place(finding)})\n" for finding in warnings[:1]
                  if finding.message.startswith(FIRST)]
    for title, group in (("Problèmes", errors), ("Avertissements", warnings)):
        if group:
            lines += [f"### {title}", "", "| Où | Quoi |", "| --- | --- |"]
            lines += [f"| {_place(finding)} | {_cell(finding.message)} |" for finding in group]
            lines.append("")
    lines.append("### Pages, par rapport au site publié")
    lines.append("")
    if comparison is None:
        lines.append("Pas de comparaison : le site n’a pas été construit, ou le site publié n’était pas disponible.")
    else:
        for title, urls in zip(("Ajoutées", "Modifiées", "Supprimées"), comparison, strict=True):
            shown = ", ".join(f"[{url}]({siteurl.rstrip('/')}{url})" if siteurl and title != "Supprimées" else f"`{url}`"
                              for url in urls)
            lines.append(f"- **{title}** ({len(urls)}) : {shown or 'aucune'}")
    return "\n".join(lines) + "\n"


def _cell(text):
    """A message in one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


def publish_report(findings, comparison=None, siteurl="", out=print):
    """Under GitHub Actions: print a workflow command per finding and append
    the summary to $GITHUB_STEP_SUMMARY. Elsewhere, nothing."""
    if not running_on_github():
        return
    for finding in findings:
        out(command(finding))
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(summary(findings, comparison, siteurl))

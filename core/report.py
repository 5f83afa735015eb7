"""The reports of a build, all made from the same Problem objects
(core/problems.py): the terminal's French text, the JSON the build writes
beside its output, GitHub's annotations and job summary, the preview's page.
None of them is read back from another's text.
"""

import html
import json
from pathlib import Path

from .problems import Problem, describe, field_name, place, sentence

# A GitHub annotation's title, by severity.
TITLES = {"error": "Site : à corriger", "warning": "Site : à compléter"}
# The JSON file a build writes its problems to, beside its output folder.
PROBLEMS_SUFFIX = ".problemes.json"


def problems_file(output):
    """`output.problemes.json` beside the output folder `output`."""
    output = Path(output)
    return output.with_name(output.name + PROBLEMS_SUFFIX)


# -- Terminal -------------------------------------------------------------------

def count(problems, word="problème"):
    return f"1 {word}" if len(problems) == 1 else f"{len(problems)} {word}s"


def numbered(problems):
    """`  1. …` for each problem; a message's further lines indented under it."""
    lines = []
    for number, problem in enumerate(problems, 1):
        first, *more = describe(problem).split("\n")
        lines.append(f"  {number}. {first}")
        lines += [f"     {line.strip()}" for line in more if line.strip()]
    return lines


def headline(problems):
    """The first line of every report of a failed build."""
    return f"La construction du site a échoué : {count(problems)} à corriger."


def terminal(problems):
    """The French report of a failed build, as the terminal prints it."""
    lines = [headline(problems), *numbered(problems),
             "Rien n'a été publié. Corrigez ces points puis relancez la construction."]
    return "\n".join(lines)


# -- JSON -----------------------------------------------------------------------

def to_json(problems):
    """The problems as a JSON list, one object per problem."""
    return json.dumps([problem.as_dict() for problem in problems], ensure_ascii=False, indent=1)


def from_json(text):
    return [Problem.from_dict(item) for item in json.loads(text)]


def write_json(problems, path):
    """Write the problems to `path` (a file beside the output, read by the
    editor commands and the preview), through a temporary file so a reader
    never sees half of it."""
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(to_json(problems), encoding="utf-8")
    temporary.replace(path)


def read_json(path):
    """The problems a build wrote to `path`; None when it wrote none (it
    stopped before it could, or it was not asked to)."""
    try:
        return from_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None


# -- GitHub Actions -------------------------------------------------------------

def escape_data(text):
    """A workflow command's message: %, CR and LF encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    """A workflow command's property value: also : and , encoded."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem):
    """`::error file=…,line=…,title=…::message` for one problem."""
    properties = {"file": problem.file, "line": problem.line, "title": TITLES[problem.severity]}
    listed = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items() if value)
    return f"::{problem.severity} {listed}::{escape_data(describe(problem))}"


def _where(problem):
    if problem.file and problem.line:
        return f"`{problem.file}`, ligne {problem.line}"
    return f"`{problem.file}`" if problem.file else "site construit"


def _cell(text):
    """Text in one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


# The field without which visitors cannot write to the association.
CONTACT_KEY = "organisation.email"


def summary(problems, comparison=None, siteurl=""):
    """The run's summary, in French Markdown; `comparison` is (added,
    changed, removed) URL paths against the published site, or None."""
    errors = [problem for problem in problems if problem.severity == "error"]
    warnings = sorted((problem for problem in problems if problem.severity != "error"),
                      key=lambda problem: problem.key != CONTACT_KEY)
    if errors:
        lines = [f"## ❌ Vérification du site : {count(errors)} à corriger", "",
                 "Le site n’est pas publié tant que ces points ne sont pas corrigés. "
                 "Chacun est aussi signalé sur la ligne du fichier, dans l’onglet « Files changed » de la demande de fusion.", ""]
    else:
        lines = ["## ✅ Vérification du site : tout est correct", ""]
    # Without a contact address visitors cannot write at all: said above the rest.
    lines[2:2] = [f"> ⚠️ **{_cell(problem.message)}** ({_where(problem)})\n" for problem in warnings[:1]
                  if problem.key == CONTACT_KEY]
    for title, group in (("Problèmes", errors), ("Avertissements", warnings)):
        if group:
            lines += [f"### {title}", "", "| Où | Champ | Quoi |", "| --- | --- | --- |"]
            lines += [f"| {_where(problem)} | {_cell(field_name(problem)) if problem.key else ''} | "
                      f"{_cell(sentence(problem))} |" for problem in group]
            lines.append("")
    lines += ["### Pages, par rapport au site publié", ""]
    if comparison is None:
        lines.append("Pas de comparaison : le site n’a pas été construit, ou le site publié n’était pas disponible.")
    else:
        for title, urls in zip(("Ajoutées", "Modifiées", "Supprimées"), comparison, strict=True):
            shown = ", ".join(f"[{url}]({siteurl.rstrip('/')}{url})" if siteurl and title != "Supprimées" else f"`{url}`"
                              for url in urls)
            lines.append(f"- **{title}** ({len(urls)}) : {shown or 'aucune'}")
    return "\n".join(lines) + "\n"


# -- The preview's page ---------------------------------------------------------

def _as_sentence(text):
    """« coupez-le » → « Coupez-le. »: a sentence of its own on the page."""
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!", "…", ":")) else text + "."


def html_fragment(problems):
    """The problems as an HTML list for the preview's report page: each with
    its file, line, field (as the form names it), what is wrong and the fix.
    Everything an editor wrote is escaped."""
    items = []
    for problem in problems:
        facts = []
        if problem.file:
            facts.append(f'<span class="fichier">{html.escape(problem.file)}</span>')
        if problem.line:
            facts.append(f'<span class="ligne">ligne {problem.line}</span>')
        if problem.key:
            facts.append(f'<span class="champ">champ {html.escape(field_name(problem))}</span>')
        where = f'<p class="ou">{", ".join(facts)}</p>' if facts else ""
        message = html.escape(_as_sentence(problem.message)).replace("\n", "<br>")
        fix = f'<p class="remede">{html.escape(_as_sentence(problem.fix))}</p>' if problem.fix else ""
        kind = "probleme" if problem.severity == "error" else "avertissement"
        items.append(f'<li class="{kind}">{where}<p class="quoi">{message}</p>{fix}</li>')
    return f'<ol id="problemes">{"".join(items)}</ol>'


# -- The web editor's banner ------------------------------------------------------

# When a build stopped before it could list its problems.
NO_DETAIL = "La construction a échoué : le terminal dit pourquoi."


def banner(report):
    """What /admin/ shows of the last build (the preview's JSON): nothing
    when it passed (`report` None); else its title, then each problem with
    the words of the other reports (file, line, field as the form names it,
    what is wrong, the fix), or the text of a report that lists none."""
    if report is None:
        return {"failed": False, "title": None, "problems": [], "text": None}
    if isinstance(report, list) and report:
        return {"failed": True, "title": headline(report), "problems": [banner_item(problem) for problem in report],
                "text": None}
    return {"failed": True, "title": "La construction du site a échoué.", "problems": [],
            "text": str(report or NO_DETAIL)}


def banner_item(problem):
    """One problem for the banner: its data, and its French wording."""
    return {**problem.as_dict(), "field": field_name(problem) if problem.key else None, "where": place(problem),
            "what": _as_sentence(problem.message), "remedy": _as_sentence(problem.fix) if problem.fix else None,
            "sentence": describe(problem)}

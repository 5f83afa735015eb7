"""External links, fetched only on request: each once, with a cache and a
pause between two requests to one host. Tested against a fake fetcher and a
server on loopback: the tests never reach the internet."""

import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import free_port
from site_checks.external import check_external, fetch_status

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
ANSWERS = {
    "https://a.exemple/un": (200, None),
    "https://a.exemple/deux": (404, None),
    "https://a.exemple/trois": (301, None),
    "https://b.exemple/": (None, "nom de domaine inconnu"),
}


class Recorder:
    """A fake fetcher and clock: what was asked, and when the checker slept."""

    def __init__(self):
        self.fetched, self.slept, self.time = [], [], 0.0

    def fetch(self, url):
        self.fetched.append(url)
        self.time += 0.25  # each request takes a quarter of a second
        return ANSWERS[url]

    def clock(self):
        return self.time

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.time += seconds


def run(recorder, cache, now=NOW, urls=ANSWERS):
    return check_external(urls, cache, delay=1.0, fetch=recorder.fetch, clock=recorder.clock,
                          sleep=recorder.sleep, now=now)


def test_broken_links_are_named_in_french(tmp_path):
    broken = run(Recorder(), tmp_path / "cache.json")
    assert broken == {
        "https://a.exemple/deux": "le serveur répond 404 : la page n'existe plus",
        "https://b.exemple/": "pas de réponse (nom de domaine inconnu)",
    }


def test_requests_to_one_host_are_a_second_apart(tmp_path):
    recorder = Recorder()
    run(recorder, tmp_path / "cache.json")
    # Three URLs on a.exemple: before the second and the third it waits a
    # second minus the time the previous one took; b.exemple comes at once.
    assert recorder.fetched == sorted(ANSWERS)
    assert recorder.slept == [0.75, 0.75]


def test_the_cache_spares_a_second_request_for_a_week(tmp_path):
    cache = tmp_path / "cache.json"
    run(Recorder(), cache)
    again = Recorder()
    assert run(again, cache, now=NOW + timedelta(days=6)) == run(Recorder(), cache)
    assert again.fetched == []
    later = Recorder()
    run(later, cache, now=NOW + timedelta(days=8))
    assert later.fetched == sorted(ANSWERS)


class _Server(BaseHTTPRequestHandler):
    """/ok answers 200, /absent 404, /sans-head refuses HEAD (405) but answers GET."""

    def do_HEAD(self):
        status = {"/ok": 200, "/absent": 404, "/sans-head": 405}.get(self.path, 500)
        self.send_response(status)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/sans-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def loopback():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(("path", "status"), [("/ok", 200), ("/absent", 404), ("/sans-head", 200)])
def test_fetch_asks_head_then_get_when_head_is_refused(loopback, path, status):
    assert fetch_status(loopback + path) == (status, None)


def test_fetch_reports_a_server_that_does_not_answer():
    status, error = fetch_status(f"http://127.0.0.1:{free_port()}/", timeout=2)
    assert status is None and error

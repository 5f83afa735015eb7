"""External links, checked only on request by lychee: each French reason,
the pause between two requests to one host, the week-long cache of the links that answered, a server
that asks to slow down. Against a server on loopback only: the tests never
reach the internet."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import free_port
from site_checks.external import LYCHEE, broken_links, check_external, reason


class _Server(BaseHTTPRequestHandler):
    """/ok 200, /absent 404, /parti 410, /panne 500, /lent 429 once then 200;
    every request recorded with its time."""

    def do_GET(self):
        path = self.path.split("?")[0]
        self.server.requests.append((path, time.monotonic()))
        if path == "/lent" and sum(path == "/lent" for path, _ in self.server.requests) == 1:
            status = 429
        else:
            status = {"/ok": 200, "/absent": 404, "/parti": 410, "/panne": 500, "/lent": 200}.get(path, 404)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        if status == 429:
            self.send_header("Retry-After", "1")
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    server.requests = []
    # shutdown() waits for the loop's next look at it: every 50 ms, not 500.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_lychee_is_installed_by_the_tests_requirements():
    assert LYCHEE.is_file()


def test_broken_links_are_named_in_french(loopback, tmp_path):
    _server, base = loopback
    closed = f"http://127.0.0.1:{free_port()}/"
    urls = [f"{base}/ok", f"{base}/absent", f"{base}/parti", f"{base}/panne", closed]
    broken = check_external(urls, tmp_path, delay=0.1, retries=0, timeout=5)
    assert broken.keys() == {f"{base}/absent", f"{base}/parti", f"{base}/panne", closed}
    assert broken[f"{base}/absent"] == "le serveur répond 404 : la page n'existe plus"
    assert broken[f"{base}/parti"] == "le serveur répond 410 : la page n'existe plus"
    assert broken[f"{base}/panne"] == "le serveur répond 500"
    assert broken[closed].startswith("pas de réponse (")


def test_requests_to_one_host_are_spaced_and_answers_are_cached(loopback, tmp_path):
    server, base = loopback
    urls = [f"{base}/ok", f"{base}/absent", f"{base}/ok?deux"]
    check_external(urls, tmp_path, delay=0.4, retries=0)
    times = sorted(moment for _path, moment in server.requests)
    assert len(times) >= 3
    assert all(later - earlier >= 0.35 for earlier, later in zip(times, times[1:], strict=False)), server.requests
    asked = len(server.requests)
    again = check_external(urls, tmp_path, delay=0.4, retries=0)
    assert again == {f"{base}/absent": "le serveur répond 404 : la page n'existe plus"}
    # The links that answered come from the cache; a broken one is asked again
    # (the editor may have fixed it since).
    assert [path for path, _ in server.requests[asked:]] == ["/absent"]


def test_a_server_that_asks_to_slow_down_is_not_called_broken_nor_cached(loopback, tmp_path):
    server, base = loopback
    assert check_external([f"{base}/lent"], tmp_path, delay=0.1, retries=0) == {}
    check_external([f"{base}/lent"], tmp_path, delay=0.1, retries=0)
    assert [path for path, _ in server.requests].count("/lent") >= 2


def test_no_url_runs_nothing(tmp_path):
    assert check_external([], tmp_path, lychee=tmp_path / "absent") == {}


@pytest.mark.parametrize(("status", "said"), [
    ({"code": 404, "text": "Rejected status code: 404 Not Found"}, "le serveur répond 404 : la page n'existe plus"),
    ({"code": 503, "text": "Rejected status code: 503"}, "le serveur répond 503"),
    ({"text": "Timeout", "details": "operation timed out"}, "pas de réponse à temps"),
    ({"text": "Network error: dns error", "details": "dns error"}, "pas de réponse (dns error)"),
    ({"text": ""}, "pas de réponse (aucune réponse)"),
])
def test_each_lychee_status_reads_in_french(status, said):
    assert reason(status) == said


def test_only_the_urls_asked_are_reported():
    report = {"error_map": {"liens.txt": [{"url": "https://a.exemple/", "status": {"code": 404}},
                                          {"url": "https://autre.exemple/", "status": {"code": 404}}]}}
    assert broken_links(report, ["https://a.exemple/"]) == {"https://a.exemple/": "le serveur répond 404 : la page n'existe plus"}

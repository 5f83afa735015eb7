"""Lighthouse (npm `lighthouse`, pinned in package.json) in the system's
Chromium, on pages of a built site served on loopback: the score of each
category, and the audits that cost points.

The site must be built for the address it is served at (SITEURL =
http://127.0.0.1:<port>), so that its canonical links are absolute and right.
"""

import functools
import json
import subprocess
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from .tools import CHROMIUM_ARGS, NODE_MODULES, chromium_path, required

LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder, port=0):
    """The folder served over HTTP on 127.0.0.1:<port> (any free one for 0)
    while the block runs; yields its origin."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def audit(url):
    """{category: score out of 100} and the audits below their best, for one page."""
    command = ["node", str(required(LIGHTHOUSE)), url, f"--chrome-path={chromium_path()}",
               f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}", f"--only-categories={','.join(CATEGORIES)}",
               "--output=json", "--output-path=stdout", "--quiet"]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise RuntimeError(f"Lighthouse a échoué sur {url} :\n{finished.stderr[-2000:]}")
    report = json.loads(finished.stdout)
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    lost = [f"{name} : {report['audits'][ref['id']]['title']}"
            for name, category in report["categories"].items() if name != "performance"
            for ref in category["auditRefs"]
            if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1]
    return scores, lost

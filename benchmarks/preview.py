"""How long the preview takes to reload the page after a file is saved, on
the real site: from the save to the preview's reload message to the browser.

    .venv/bin/python benchmarks/preview.py [--saves 5]

Starts `invoke serve` on a copy of content/ (its own port and output
folder), connects as the page's reload script does (a WebSocket),
then saves a page several times and waits for each reload message.
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
SAVED = Path("pages") / "contact.md"


def free_port():
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def wait_for_server(port, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("localhost", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"l'aperçu n'a pas répondu sur le port {port}")


async def reloads(port, page, saves, pause):
    """Seconds from each save of `page` to the preview's reload message."""
    # The server answers once its first build is done (minutes for a large site).
    request = HTTPRequest(f"ws://localhost:{port}/livereload", connect_timeout=900, request_timeout=900)
    connection = await websocket_connect(request)
    await connection.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    await connection.read_message()
    await connection.write_message(json.dumps({"command": "info", "url": f"http://localhost:{port}/", "plugins": {}}))
    measured = []
    for number in range(saves):
        await asyncio.sleep(pause)  # the search index of the last save is written
        start = time.perf_counter()
        # Saved as an editor does: written aside, then renamed into place.
        aside = page.parents[2] / f"{page.name}.tmp"  # outside content/, which the preview watches
        aside.write_text(page.read_text(encoding="utf-8") + f"\nModifié ({number}).\n", encoding="utf-8")
        aside.replace(page)
        while json.loads(await connection.read_message()).get("command") != "reload":
            pass
        measured.append(time.perf_counter() - start)
    connection.close()
    return measured


def measure_preview(content=None, saved=SAVED, saves=5, pause=2.0):
    """Seconds from a save to the reload, [one per save], with `make serve`'s
    own command on `content` (a copy of the real site's by default), saving
    content/`saved` each time."""
    with tempfile.TemporaryDirectory() as folder:
        if content is None:
            content = Path(folder) / "content"
            shutil.copytree(ROOT / "content", content)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "invoke", "serve", "--port", str(port), "--content", str(content),
             "--output", str(Path(folder) / "apercu")],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_for_server(port, seconds=600)
            return asyncio.run(reloads(port, content / saved, saves, pause))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=5)
    options = parser.parse_args()
    measured = measure_preview(saves=options.saves)
    print(f"Aperçu : rechargement {statistics.median(measured):.2f} s après l'enregistrement "
          f"(médiane de {options.saves} ; {min(measured):.2f}–{max(measured):.2f})")


if __name__ == "__main__":
    main()

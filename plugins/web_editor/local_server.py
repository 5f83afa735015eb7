"""Local mode of the web editor: decap-server (npm, pinned in package.json)
lets /admin/ read and write the files of the working copy while `make serve`
runs; the preview then rebuilds as after any save."""

import contextlib
import os
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
# The address the preview's /admin/ calls (pelicanconf.py, WEB_EDITOR_LOCAL_BACKEND).
PORT = 8081
STARTUP_SECONDS = 15


def listening(port):
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def decap_server(repository=ROOT, port=PORT):
    """decap-server for `repository` on localhost:`port`, stopped on exit.
    Without it (npm packages not installed) the preview still runs: /admin/
    then says it cannot reach the local server."""
    if not SERVER.exists() or listening(port):
        print("Éditeur en ligne : decap-server manque (lancez « npm ci ») ; /admin/ ne pourra pas enregistrer."
              if not SERVER.exists() else
              f"Éditeur en ligne : le port {port} est déjà pris (un autre aperçu ?) ; /admin/ enregistrera par lui.")
        yield None
        return
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(repository), "LOG_LEVEL": "warn"}
    process = subprocess.Popen([str(SERVER)], cwd=repository, env=env)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not listening(port) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

"""What /admin/ (the web editor, Decap CMS) costs: its size, and how long
Chromium takes to show its sign-in button.

    .venv/bin/python benchmarks/web_editor.py [--runs 5]

Builds the published version into a temporary folder, sums the files of
/admin/ (all of them, and what a first visit downloads: the page, the
application, our banner and widget, and the configuration; raw and gzipped, as GitHub
Pages serves them), then opens /admin/ in a fresh Chromium context each run,
served from loopback, and times it until « Se connecter avec GitHub » shows.
"""

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]
from playwright.sync_api import sync_playwright  # noqa: E402

from site_checks.accessibility import launch  # noqa: E402
from site_checks.lighthouse import served  # noqa: E402

FIRST_VISIT = ("index.html", "banner.js", "decap-cms.js", "widgets.js", "editor.js", "preview.js", "preview.json", "config.yml")


def sizes(admin):
    everything = sum(path.stat().st_size for path in admin.iterdir())
    first = [(admin / name).read_bytes() for name in FIRST_VISIT]
    return everything, sum(map(len, first)), sum(len(gzip.compress(data)) for data in first)


def load_times(folder, runs):
    times = []
    with served(folder) as origin, sync_playwright() as playwright:
        browser = launch(playwright)
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            start = time.perf_counter()
            page.goto(origin + "/admin/")
            page.get_by_role("button", name="Se connecter avec GitHub").wait_for(timeout=60000)
            times.append(time.perf_counter() - start)
            context.close()
        browser.close()
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "SITEURL": "http://127.0.0.1"}
        subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", folder, "-q"],
                       cwd=ROOT, env=env, check=True)
        everything, first, compressed = sizes(Path(folder) / "admin")
        times = load_times(folder, runs)
    print(f"/admin/ : {everything / 1e6:.2f} Mo en tout ; première visite {first / 1e6:.2f} Mo, "
          f"{compressed / 1e6:.2f} Mo compressés (gzip)")
    print(f"Affichage du bouton de connexion : médiane {statistics.median(times) * 1000:.0f} ms "
          f"(de {min(times) * 1000:.0f} à {max(times) * 1000:.0f} ms, {runs} fois, Chromium sans interface, en local)")


if __name__ == "__main__":
    main()

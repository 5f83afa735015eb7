"""Build time with pictures: 20 photos of 4,000 × 3,000 px, cold and warm.

    .venv/bin/python benchmarks/pictures.py [--photos 20] [--runs 3]

Writes a small site (benchmarks/generate.py's skeleton is not needed: the
tests' skeleton pages and one article per five photos) in a temporary
folder, with photos drawn by Pillow, then measures, each build a whole
`python -m pelican` process with the project's settings:
- cold: the pictures' cache (.cache/images/) deleted before each run, so
  every variant is encoded;
- warm: the cache kept from the run before, so none is;
- the same site without its images, for reference.
Prints the times (median, min–max), the CPU time and the bytes of the
originals against the bytes published, and writes them to
benchmarks/RESULTS-pictures.md.
"""

import argparse
import datetime
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]
from conftest import write_content  # noqa: E402 (the tests' skeleton site)

SIZE = (4000, 3000)
PER_ARTICLE = 5
RESULTS = Path(__file__).with_name("RESULTS-pictures.md")


def photos(folder, count):
    """`count` different photos: one drawing, shifted and grained for each."""
    folder.mkdir(parents=True, exist_ok=True)
    base = Image.merge("RGB", [Image.effect_mandelbrot(SIZE, (-2.0, -1.25, 0.75, 1.25), 80),
                               Image.linear_gradient("L").resize(SIZE), Image.effect_noise(SIZE, 25)])
    for index in range(count):
        grain = Image.effect_noise(SIZE, 12).convert("RGB")
        picture = ImageChops.add(ImageChops.offset(base, index * 97, index * 41), grain, scale=1.5)
        exif = Image.Exif()
        exif[0x0110] = "Téléphone de test"
        picture.save(folder / f"photo-{index:02d}.jpg", quality=92, exif=exif)


def site(root, count, with_images=True):
    content = root / "content"
    files = {}
    for start in range(0, count, PER_ARTICLE):
        body = "\n\n".join(
            (f"![Photo numéro {index + 1} de l’atelier](/images/photo-{index:02d}.jpg)" if with_images else "Une photo.")
            + "\n\nUn paragraphe entre deux photos."
            for index in range(start, min(count, start + PER_ARTICLE))
        )
        files[f"ressources/photos-{start // PER_ARTICLE + 1}.md"] = (
            f"---\ntitle: Photos {start // PER_ARTICLE + 1}\ndate: 2026-01-15\nsummary: Des photos.\n---\n\n{body}\n")
    write_content(content, files)
    return content


def build(content, output):
    """One build in a fresh process: (seconds, CPU seconds of the process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    finished = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output)],
                              cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if finished.returncode != 0:
        raise SystemExit(f"La construction a échoué :\n{finished.stdout}\n{finished.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def runs(content, output, times, before_each=lambda: None):
    measured = []
    for _ in range(times):
        before_each()
        shutil.rmtree(output, ignore_errors=True)
        measured.append(build(content, output))
    return measured


def summary(measured):
    seconds = [elapsed for elapsed, _cpu in measured]
    cpu = statistics.median(cpu for _elapsed, cpu in measured)
    return f"{statistics.median(seconds):.2f} s ({min(seconds):.2f}–{max(seconds):.2f}), processeur {cpu:.1f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pictures-bench-") as folder:
        root = Path(folder)
        photos(root / "site" / "content" / "images", arguments.photos)
        content = site(root / "site", arguments.photos)
        reference = site(root / "reference", arguments.photos, with_images=False)
        cache = root / "site" / ".cache" / "images"
        output = root / "site" / "output"
        cold = runs(content, output, arguments.runs, before_each=lambda: shutil.rmtree(cache, ignore_errors=True))
        warm = runs(content, output, arguments.runs)
        plain = runs(reference, root / "reference" / "output", arguments.runs)
        originals = sum(path.stat().st_size for path in (content / "images").iterdir())
        published = {path: path.stat().st_size for path in (output / "images").rglob("*") if path.is_file()}
        largest = {suffix: max((size for path, size in published.items() if path.suffix == suffix), default=0)
                   for suffix in (".avif", ".webp", ".jpg")}
    lines = [
        "# Construction avec des photos",
        "",
        f"{datetime.date.today()}, {platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}. "
        f"{arguments.photos} photos de {SIZE[0]} × {SIZE[1]} px (JPEG), {arguments.runs} passages, médiane (min–max). "
        f"Charge de la machine à la fin : {os.getloadavg()[0]:.1f} (sur une machine partagée, le temps de processeur "
        "est le chiffre stable).",
        "",
        "| construction | temps |",
        "|---|---|",
        f"| à froid (cache vidé : chaque variante encodée) | {summary(cold)} |",
        f"| à chaud (cache gardé : rien n’est encodé) | {summary(warm)} |",
        f"| le même site sans ses images (référence) | {summary(plain)} |",
        "",
        f"Originaux : {originals / 1e6:.1f} Mo ; publiés : {len(published)} fichiers, "
        f"{sum(published.values()) / 1e6:.1f} Mo en tout ; le plus gros AVIF {largest['.avif'] / 1e3:.0f} ko, "
        f"WebP {largest['.webp'] / 1e3:.0f} ko, JPEG {largest['.jpg'] / 1e3:.0f} ko.",
    ]
    print("\n".join(lines))
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Benchmark of the link checker (plugins/site_checks) on a generated site.

    .venv/bin/python benchmarks/link_checker.py [--pages 1000] [--runs 5]

Writes N pages shaped like the site's own (menu, footer, a text with links to
other pages and their anchors, images with srcset), then times check_site
over them, several runs, and prints the median and the spread.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # core/
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from site_checks import check_site

PARAGRAPH = ("Les professionnels du lien et du soin se retrouvent une fois par mois pour parler d’une situation "
             "vécue, sous le regard bienveillant du groupe et de l’animatrice. ")


def page_html(number, count, rng):
    """One page of about 8 kB: 12 sections, 30 links to other pages (half
    with an anchor), 4 images, one of them with a srcset."""
    links = []
    for _ in range(30):
        other = rng.randrange(count)
        anchor = f"#section-{rng.randrange(12)}" if rng.random() < 0.5 else ""
        links.append(f'<a href="/ateliers/page-{other}/{anchor}">page {other}</a>')
    sections = "\n".join(
        f'<section id="section-{s}"><h2>Partie {s}</h2><p>{PARAGRAPH} {" ".join(links[s * 2:s * 2 + 3])}</p></section>'
        for s in range(12)
    )
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Page {number}</title>
<link rel="stylesheet" href="/theme/css/style.css"><link rel="icon" href="/theme/favicon.svg">
<meta property="og:image" content="/images/photo.jpg"></head>
<body><a class="skip-link" href="#contenu">Aller au contenu</a>
<nav><a href="/">Accueil</a> <a href="/ateliers/">Ateliers</a> <a href="/contact/">Contact</a>
<a href="mailto:contact@exemple.fr?subject=Demande%20d%E2%80%99information">Écrire</a>
<a href="tel:+33123456789">Appeler</a></nav>
<main id="contenu"><h1>Page {number}</h1>
<img src="/images/photo.jpg" srcset="/images/photo.jpg 1x, /images/photo@2x.jpg 2x" alt="Photo">
{sections}
<img src="/images/photo.jpg" alt=""><img src="/images/photo.jpg" alt=""><img src="/images/photo.jpg" alt="">
<p>{" ".join(links[24:])} <a href="https://www.exemple.org/ressource-{number % 50}">ressource</a></p></main>
<footer><a href="/ateliers/">Nos ateliers</a> <a href="/contact/">Contact</a></footer></body></html>
"""


def generate(root, count):
    rng = random.Random(0)
    for folder, text in [("", "accueil"), ("ateliers/", "ateliers"), ("contact/", "contact")]:
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "index.html").write_text(f"<!doctype html><title>{text}</title>", encoding="utf-8")
    for name in ("theme/css/style.css", "theme/favicon.svg", "images/photo.jpg", "images/photo@2x.jpg"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"x")
    for number in range(count):
        page = root / "ateliers" / f"page-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(page_html(number, count, rng), encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, options.pages)
        size = sum(path.stat().st_size for path in root.rglob("*.html"))
        timings = []
        for _ in range(options.runs):
            start = time.perf_counter()
            result = check_site(root)
            timings.append(time.perf_counter() - start)
        links = sum(len(places) for places in result.external.values())
    print(f"{result.pages} pages ({size / 1e6:.1f} Mo de HTML), {len(result.problems)} problème(s), "
          f"{links} liens externes listés")
    print(f"check_site : médiane {statistics.median(timings):.3f} s sur {options.runs} passages "
          f"(de {min(timings):.3f} à {max(timings):.3f} s), {statistics.median(timings) / result.pages * 1000:.2f} ms par page")


if __name__ == "__main__":
    main()

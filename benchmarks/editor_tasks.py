"""What an editor does in /admin/ (local mode, as with `make serve`), counted
and timed: the clicks and fields to change a price and to create a
workshop, and how long until the form can be used.

    .venv/bin/python benchmarks/editor_tasks.py [--runs 3] [--captures docs/captures]

Builds a copy of content/ into a temporary folder, serves it with the
preview's own server (tests/preview_server.py), and drives Chromium through
each task the way a person would: one counted action per click, per field
typed in and per key pressed. With --captures, it also saves the form of a
workshop and the new workshop's state question as PNG captures for the guide.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT), str(ROOT / "tests")]
from playwright.sync_api import sync_playwright  # noqa: E402
from preview_server import running_preview  # noqa: E402

from site_checks.accessibility import launch  # noqa: E402

TIMEOUT_MS = 60_000
# Decap's button for a new entry of the « Atelier » collection.
NEW_WORKSHOP = "\uff0b Atelier"


class Editor:
    """A person at the keyboard: every action counted by kind."""

    def __init__(self, page):
        self.page, self.actions = page, Counter()

    def click(self, locator):
        locator.click()
        self.actions["clics"] += 1

    def fill(self, locator, text):
        locator.fill(text)
        self.actions["champs remplis"] += 1

    def press(self, key):
        self.page.keyboard.press(key)
        self.actions["touches"] += 1

    def save(self):
        self.click(self.page.get_by_role("button", name="Enregistrer sur cet ordinateur", exact=True))
        self.click(self.page.get_by_role("menuitem", name="Enregistrer maintenant"))


def wait_until(condition):
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("l’éditeur n’a pas enregistré à temps")
        time.sleep(0.1)


def sign_in(editor, origin):
    """From the address typed in to the list of workshops; the seconds it took."""
    start = time.perf_counter()
    editor.page.goto(origin + "/admin/")
    editor.click(editor.page.get_by_role("button", name="Se connecter"))
    editor.page.get_by_role("link", name="Ateliers").first.wait_for()
    return time.perf_counter() - start


def change_a_price(editor, content):
    """The first workshop with an amount: its amount plus ten."""
    path = next(path for path in sorted((content / "ateliers").glob("*.md")) if "  amount:" in path.read_text("utf-8"))
    before = path.read_text("utf-8")
    amount = int(next(line for line in before.splitlines() if line.startswith("  amount:")).split(":")[1])
    title = next(line for line in before.splitlines() if line.startswith("title:")).split(":", 1)[1].strip()
    editor.click(editor.page.get_by_text(title, exact=True).first)
    start = time.perf_counter()
    editor.page.get_by_label("Montant", exact=True).wait_for()
    ready = time.perf_counter() - start
    editor.fill(editor.page.get_by_label("Montant", exact=True), str(amount + 10))
    editor.save()
    wait_until(lambda: path.read_text("utf-8") != before)
    return ready


def create_a_workshop(editor, content, captures=None):
    """Only what the form requires: title, summary, method, audience, one
    objective, the state it asks for, a sentence of text."""
    existing = set((content / "ateliers").glob("*.md"))
    page = editor.page
    editor.click(page.get_by_role("link", name="Ateliers").first)
    editor.click(page.get_by_text(NEW_WORKSHOP, exact=True).first)
    page.get_by_label("Titre", exact=True).wait_for()
    editor.fill(page.get_by_label("Titre", exact=True), "Atelier d’essai")
    editor.fill(page.get_by_label("Résumé", exact=True), "Un atelier pour compter les gestes de l’éditeur.")
    editor.fill(page.get_by_label("Méthode", exact=True), "Groupe d’essai")
    editor.fill(page.get_by_label("Pour qui", exact=True), "Les personnes qui essaient l’éditeur.")
    editor.click(page.get_by_role("button", name="Ajouter objectifs"))
    editor.fill(page.locator('textarea[id^="item-field-"]').first, "Compter les gestes.")
    if captures:  # not counted: the capture of the state the form asks for
        close = page.get_by_role("button", name="Fermer")
        if close.count():
            close.first.click()  # the notice of the price's save
        page.wait_for_timeout(6000)  # its toast gone
        editor.save()  # nothing is written: the form says the state is asked
        page.get_by_text("État", exact=False).first.scroll_into_view_if_needed()
        page.screenshot(path=captures / "editeur-etat.png")
    editor.fill(page.locator('input[id^="status-field-"]'), "Publié")
    editor.press("Enter")
    editor.click(page.locator('[contenteditable="true"]').last)
    page.keyboard.type("Une page écrite dans le navigateur.")
    editor.actions["champs remplis"] += 1
    editor.save()
    wait_until(lambda: set((content / "ateliers").glob("*.md")) - existing)


def run(content_source, captures=None):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        content = folder / "content"
        shutil.copytree(content_source, content)
        import subprocess

        subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(folder / "site"),
                        "-q", "-e", "SEARCH_INDEX=false"], cwd=ROOT, check=True)
        with running_preview(folder / "site", content) as preview, sync_playwright() as playwright:
            browser = launch(playwright)
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            price, new = Editor(page), Editor(page)
            to_list = sign_in(price, preview.origin)
            to_form = change_a_price(price, content)
            if captures:
                page.get_by_label("Montant", exact=True).scroll_into_view_if_needed()
                page.screenshot(path=captures / "editeur-formulaire.png")
            create_a_workshop(new, content, captures)
            browser.close()
    return to_list, to_form, price.actions, new.actions


def small_png(path):
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(256)
    small.save(path, optimize=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--captures", type=Path)
    options = parser.parse_args()
    results = [run(ROOT / "content", options.captures if index == 0 else None) for index in range(options.runs)]
    if options.captures:
        for name in ("editeur-formulaire.png", "editeur-etat.png"):
            small_png(options.captures / name)
    to_list = [result[0] for result in results]
    to_form = [result[1] for result in results]
    print(f"Jusqu’à la liste des ateliers (adresse tapée, « Se connecter ») : médiane {statistics.median(to_list):.2f} s "
          f"({min(to_list):.2f}–{max(to_list):.2f}, {len(results)} fois)")
    print(f"Du clic sur un atelier à son formulaire prêt : médiane {statistics.median(to_form):.2f} s "
          f"({min(to_form):.2f}–{max(to_form):.2f})")
    # The last run's (the first one also saves once early, for its capture).
    for name, actions in (("Changer un tarif", results[-1][2]), ("Créer un atelier", results[-1][3])):
        print(f"{name} : " + ", ".join(f"{count} {kind}" for kind, count in sorted(actions.items())))
    print("(le tarif compte le clic « Se connecter » ; l’atelier part de la liste des ateliers)")


if __name__ == "__main__":
    main()

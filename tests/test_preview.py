"""The preview in a real Chromium: a save that breaks the build shows the
French report in place of the page; once the file is fixed, the page comes
back by itself. Meanwhile /admin/ still opens and saves into content/
through the preview's own server."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, free_port, front_matter, offer_text, wait_in_page, write_content

BROKEN_FRONT_MATTER = "---\ntitle: [Nous contacter\n---\n\nÉcrivez-nous.\n"


def save(page, text):
    """Save as an editor's text editor does: written aside, then renamed."""
    aside = page.parents[2] / f"{page.name}.tmp"
    aside.write_text(text, encoding="utf-8")
    aside.replace(page)


def answers(url, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


@pytest.fixture
def preview(tmp_path):
    """`invoke serve` (what `make serve` runs) on a small site."""
    yield from running(tmp_path, {"ateliers/essai.md": offer_text()})


def running(tmp_path, files):
    write_content(tmp_path / "content", files)
    port = free_port()
    command = [sys.executable, "-m", "invoke", "serve", "--port", str(port), "--content", str(tmp_path / "content"),
               "--output", str(tmp_path / "output")]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://localhost:{port}"
    assert answers(url + "/livereload.js"), "l'aperçu ne répond pas"
    yield url, tmp_path / "content"
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=10)


def test_the_page_shows_the_report_then_comes_back_once_fixed(browser, preview):
    url, content = preview
    page_file = content / "pages" / "contact.md"
    good = page_file.read_text(encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/contact/")
    assert page.locator("h1").inner_text().split() == ["Nous", "contacter"]  # a no-break space between them
    wait_in_page(page, "window.previewConnected === true")  # the page's script listens to the preview

    save(page_file, BROKEN_FRONT_MATTER)
    page.wait_for_selector("#rapport", timeout=60_000)
    report = page.locator("#rapport").inner_text()
    assert "La construction du site a échoué" in report
    assert "pages/contact.md, ligne 2" in report and "l'en-tête YAML est mal formé" in report

    save(page_file, good)
    page.wait_for_selector("h1:has-text('contacter')", timeout=60_000)
    assert page.locator("#rapport").count() == 0
    context.close()


def test_admin_saves_through_the_preview_and_opens_while_the_build_fails(browser, preview, artefacts):
    """An editor changes a price in /admin/: the file changes, the page
    shows it; then a mistake elsewhere breaks the build, and /admin/ still
    opens and lists the workshops."""
    url, content = preview
    offer = content / "ateliers" / "essai.md"
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url + "/admin/")
    page.get_by_role("button", name="Se connecter").click()
    page.goto(url + "/admin/#/collections/ateliers")
    page.get_by_text("Atelier d’essai", exact=True).first.click()
    page.get_by_label("Montant", exact=True).fill("310")
    if "status" not in front_matter(offer):  # the form asks for the state (web_editor.config.ASKED)
        page.locator('input[id^="status-field-"]').fill("Publié")
        page.keyboard.press("Enter")
    page.get_by_role("button", name="Enregistrer sur cet ordinateur", exact=True).click()
    page.get_by_role("menuitem", name="Enregistrer maintenant").click()
    deadline = time.monotonic() + 30
    while front_matter(offer)["price"]["amount"] != 310:
        assert time.monotonic() < deadline, "/admin/ did not save through the preview"
        time.sleep(0.2)
    site = context.new_page()
    site.goto(url + "/ateliers/essai/")
    site.wait_for_selector("#tarif:has-text('310')", timeout=120_000)

    save(content / "pages" / "contact.md", BROKEN_FRONT_MATTER)
    site.wait_for_selector("#rapport", timeout=60_000)
    page.goto(url + "/admin/#/collections/ateliers")
    page.get_by_text("Atelier d’essai", exact=True).first.wait_for()
    page.screenshot(path=str(artefacts / "admin-pendant-une-erreur.png"))
    context.close()


def test_admin_opens_when_no_build_has_passed_yet(tmp_path):
    """A fresh copy with a mistake in it: the site is the report, /admin/ opens."""
    preview = running(tmp_path, {"pages/contact.md": BROKEN_FRONT_MATTER})
    url, _ = next(preview)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "/contact/", timeout=5)
            except urllib.error.HTTPError as error:
                if error.code == 500 and "pages/contact.md, ligne 2" in error.read().decode("utf-8"):
                    break
            assert time.monotonic() < deadline, "no report"
            time.sleep(0.3)
        with urllib.request.urlopen(url + "/admin/", timeout=5) as answer:
            assert answer.status == 200 and b"decap-cms.js" in answer.read()
        with urllib.request.urlopen(url + "/admin/config.yml", timeout=5) as answer:
            assert "/admin/api/" in json.loads(answer.read())["local_backend"]["url"]
    finally:
        next(preview, None)

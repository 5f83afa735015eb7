"""« Demander une proposition », as a visitor uses it in Chromium: from the home
page or a workshop's button to a composed mail naming the workshop, with and
without JavaScript; and, while no email is known, a page that says so and a
preview that warns the editors on every page. Built from the fixture content
with the organisation's identity given on the command line, never from
content/reglages.yml."""

import contextlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import (
    FIXTURE_CONTENT,
    PUBLISHED_SITEURL,
    as_shown,
    build_files,
    build_or_fail,
    collapse,
    front_matter,
    titled_offer,
    visible_text,
)
from core.problems import Problem
from core.report import summary
from site_checks.accessibility import site_context
from site_checks.lighthouse import served

EMAIL = "contact@exemple.org"
IDENTITY = {"name": "Rêver tout haut", "legal_form": "association", "email": EMAIL, "phone": None, "address": None,
            "registration": None, "publication_director": None}
NO_EMAIL = {**IDENTITY, "email": None}
BANNER = "Aucune adresse de contact : les visiteurs ne peuvent pas vous écrire."
OFFERS = sorted(FIXTURE_CONTENT.glob("ateliers/*.md"))


def identity(values):
    return ("-e", f"ORGANISATION={json.dumps(values)}")


def offer_title(slug):
    return front_matter(FIXTURE_CONTENT / "ateliers" / f"{slug}.md")["title"]


@pytest.fixture(scope="module")
def with_email(tmp_path_factory):
    """The fixture content once the organisation's email is known."""
    return build_or_fail(FIXTURE_CONTENT, tmp_path_factory.mktemp("avec-courriel"), options=identity(IDENTITY))


@pytest.fixture(scope="module")
def without_email(tmp_path_factory):
    """The fixture content's preview while no email is known."""
    return build_or_fail(FIXTURE_CONTENT, tmp_path_factory.mktemp("sans-courriel"), options=identity(NO_EMAIL))


@pytest.fixture(scope="module")
def published_without_email(tmp_path_factory):
    return build_or_fail(FIXTURE_CONTENT, tmp_path_factory.mktemp("publie-sans-courriel"), settings="publishconf.py",
                         env={"SITEURL": PUBLISHED_SITEURL}, options=identity(NO_EMAIL))


def mail_from(page, click):
    """The mailto: URL the browser opens when `click()` runs: Chromium hands
    it to the system's mail program, after announcing it as a request."""
    opened = []
    page.on("request", lambda request: opened.append(request.url) if request.url.startswith("mailto:") else None)
    click()
    page.wait_for_timeout(300)
    for _ in range(20):
        if opened:
            break
        page.wait_for_timeout(100)
    assert opened, "aucun message n’a été ouvert"
    parts = urlsplit(opened[-1])
    fields = parse_qs(parts.query)  # « + » and %20 both read as a space
    return parts.path, fields["subject"][0], fields["body"][0], opened[-1]


@contextlib.contextmanager
def page_at(browser, site, address):
    """A Chromium page on the built `site`, served as a visitor gets it, open
    at `address`; the clipboard allowed (« Copier le message »)."""
    context, origin = site_context(browser, site)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(origin + address)
        yield page
    finally:
        context.close()


def subject_for(slug):
    return as_shown(f"Demande de proposition — {offer_title(slug)}")


# -- With an email: two clicks to a composed mail ------------------------------------

def test_from_the_home_page_two_clicks_and_a_choice_compose_the_mail(browser, with_email):
    with page_at(browser, with_email.root, "/") as page:
        page.locator("a.enquiry-link").first.click()  # click 1
        page.wait_for_url("**/demande/")
        page.select_option("#demande-atelier", label=as_shown(offer_title("ecriture")))
        address, subject, body, url = mail_from(page, lambda: page.click("form.enquiry button[type=submit]"))  # click 2
        assert address == EMAIL
        assert subject == subject_for("ecriture")
        assert as_shown(offer_title("ecriture")) in body and body.startswith("Bonjour,")
        assert "+" not in url, "les espaces s’écrivent %20 : un logiciel de messagerie montre « + » tel quel"


@pytest.mark.parametrize("path", OFFERS, ids=[path.stem for path in OFFERS])
def test_each_offer_button_chooses_its_offer(browser, with_email, path):
    slug = front_matter(path).get("slug", path.stem)
    with page_at(browser, with_email.root, f"/ateliers/{slug}/") as page:
        page.click("#contact a.button")  # click 1
        page.wait_for_url(lambda url: url.endswith(f"/demande/?atelier={slug}"))
        assert page.input_value("#demande-atelier") == subject_for(slug)
        address, subject, _, _ = mail_from(page, lambda: page.click("form.enquiry button[type=submit]"))  # click 2
        assert (address, subject) == (EMAIL, subject_for(slug))


def test_the_answers_are_written_into_the_mail_and_can_be_copied(browser, with_email):
    with page_at(browser, with_email.root, "/demande/?atelier=analyse-des-pratiques-balint") as page:
        page.fill("#demande-institution", "Foyer d’accueil médicalisé")
        page.fill("#demande-nombre", "8")
        page.fill("#demande-periode", "à partir de janvier")
        page.fill("#demande-signature", "Camille, cheffe de service")
        expected = ["Institution ou service\u00a0: Foyer d’accueil médicalisé", "Nombre de personnes\u00a0: 8",
                    "Période envisagée\u00a0: à partir de janvier", "Camille, cheffe de service"]
        page.click(".enquiry__copy")
        page.wait_for_function("document.querySelector('.enquiry__status').textContent.length > 0")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(f"À\u00a0: {EMAIL}\nObjet\u00a0: {subject_for('analyse-des-pratiques-balint')}\n\n")
        assert all(line in copied for line in expected), copied
        _, _, body, _ = mail_from(page, lambda: page.click("form.enquiry button[type=submit]"))
        assert all(line in body for line in expected), body


def test_without_javascript_the_plain_form_still_opens_a_mail_about_the_workshop(browser, with_email):
    """Served over HTTP: Chromium submits the form itself (GET, mailto:)."""
    context = browser.new_context(java_script_enabled=False)
    try:
        with served(with_email.root) as origin:
            page = context.new_page()
            page.goto(origin + "/demande/?atelier=ecriture")
            assert not page.locator("#demande-institution").is_visible()  # the script's fields
            assert not page.locator(".enquiry__copy").is_visible()
            assert "Institution ou service" in page.input_value("#demande-message")
            page.select_option("#demande-atelier", label=as_shown(offer_title("ecriture")))
            address, subject, body, _ = mail_from(page, lambda: page.click("form.enquiry button[type=submit]"))
            assert (address, subject) == (EMAIL, subject_for("ecriture"))
            assert "Institution ou service" in body
    finally:
        context.close()


def test_a_title_written_like_a_pelican_link_reaches_the_mail_as_written(browser, tmp_path):
    """« {filename}/pages/x.md » in a title is text: Pelican replaces such
    links in content only, and the link checker would take it for a broken
    one in a mailto: href; the offer's button carries its slug instead."""
    title = "Atelier {filename}/pages/contact.md et {static}/x"
    result, output = build_files(tmp_path, {"ateliers/lien.md": titled_offer(title)}, options=identity(IDENTITY))
    assert result.returncode == 0, output
    site = tmp_path / "output"
    assert 'href="/demande/?atelier=lien"' in (site / "ateliers" / "lien" / "index.html").read_text(encoding="utf-8")
    with page_at(browser, site, "/ateliers/lien/") as page:
        page.click("#contact a.button")
        page.wait_for_url(lambda url: url.endswith("/demande/?atelier=lien"))
        _, subject, body, _ = mail_from(page, lambda: page.click("form.enquiry button[type=submit]"))
        assert subject == as_shown(f"Demande de proposition — {title}")
        assert as_shown(title) in body


# -- While no email is known: said plainly, never a dead end ---------------------------

def test_the_preview_warns_on_every_page_while_no_email_is_known(without_email, with_email):
    for path in without_email.html_files():
        banner = without_email.soup(without_email.url_of(path)).select_one("aside.preview-notice")
        assert banner is not None and as_shown(BANNER) in visible_text(banner), path
    assert not any(with_email.soup(with_email.url_of(path)).select("aside.preview-notice") for path in with_email.html_files())


def test_the_published_site_says_it_only_on_the_contact_pages(published_without_email):
    site = published_without_email
    assert not any(site.soup(site.url_of(path)).select("aside.preview-notice") for path in site.html_files())
    said = {"/contact/": "Notre adresse électronique sera bientôt publiée ici.",
            "/demande/": "Notre adresse électronique n’est pas encore publiée : elle le sera bientôt sur cette page."}
    for url, sentence in said.items():
        assert as_shown(sentence) in collapse(site.soup(url).get_text()), url
    assert not site.soup("/demande/").select('form[action^="mailto:"], button[type=submit]')


def test_without_an_email_the_enquiry_page_never_dead_ends(browser, without_email):
    with page_at(browser, without_email.root, "/ateliers/ecriture/") as page:
        page.click("#contact a.button")
        page.wait_for_url(lambda url: url.endswith("/demande/?atelier=ecriture"))
        assert page.locator(".preview-notice").is_visible()
        assert "n’est pas encore publiée" in page.inner_text(".enquiry__no-address")
        assert page.locator("form.enquiry").get_attribute("action") is None  # no address is made up
        page.click(".enquiry__copy")
        page.wait_for_function("document.querySelector('.enquiry__status').textContent.length > 0")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(f"Objet\u00a0: {subject_for('ecriture')}\n\n") and "@" not in copied
        for link in ("/ateliers/", "/ateliers/comparatif/", "/contact/"):
            assert page.locator(f'.enquiry__more a[href="{link}"]').count() == 1


# -- make check: the missing email first ---------------------------------------------

def test_make_check_names_the_missing_email_first_and_on_its_line(tmp_path):
    import tasks

    content = tmp_path / "textes"
    content.mkdir()
    settings = content / "reglages.yml"
    settings.write_text("organisation:\n  name: Asso\n  phone:\n  email:\nhost:\n  name: Hôte\n", encoding="utf-8")
    warnings = tasks.missing_identity(content)
    first = warnings[0]
    assert (first.message, first.file, first.line, first.key) == (tasks.NO_CONTACT, "textes/reglages.yml", 4,
                                                                   "organisation.email")
    assert BANNER.rstrip(".") == tasks.NO_CONTACT
    assert not any(warning.key == "organisation.email" for warning in warnings[1:])
    # In the run's summary, above every other problem and warning.
    problems = [Problem("à corriger", file="content/x.md", line=2), *reversed(warnings)]
    text = summary(problems).splitlines()
    assert text[2].startswith(f"> ⚠️ **{tasks.NO_CONTACT}"), text[:4]
    settings.write_text(f"organisation:\n  name: Asso\n  email: {EMAIL}\n", encoding="utf-8")
    assert not any(warning.message == tasks.NO_CONTACT for warning in tasks.missing_identity(content))

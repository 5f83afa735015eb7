"""Valid HTML: every page of the built site, its stylesheet and its SVG pass
the Nu Html Checker (vnu.jar, run with Java) with no error."""

import shutil

from site_checks.html_validity import html_errors


def test_every_page_of_the_site_is_valid_html(site):
    assert html_errors(site.root) == []


def test_every_page_of_the_published_site_is_valid_html(published_site):
    assert html_errors(published_site.root) == []


def test_an_invalid_page_and_stylesheet_are_named_with_their_line(site, tmp_path):
    """The checker can fail: errors planted in a copy are found, named by
    page and line, all in one list."""
    copy = tmp_path / "copie"
    shutil.copytree(site.root, copy)
    page = copy / "contact" / "index.html"
    lines = page.read_text(encoding="utf-8").splitlines()
    main = next(number for number, line in enumerate(lines) if "</main>" in line)
    lines.insert(main, '<p><img src="/theme/favicon.svg"></p>')
    page.write_text("\n".join(lines), encoding="utf-8")
    (copy / "theme" / "css" / "style.css").write_text("a { colour: red; }\n", encoding="utf-8")
    errors = html_errors(copy)
    assert any(error.startswith(f"page /contact/, ligne {main + 1} : ") and "alt" in error for error in errors), errors
    assert any(error.startswith("fichier /theme/css/style.css, ligne 1 : ") and "colour" in error for error in errors), errors

"""Only the HTML editors need reaches a page (plugins/html_allowlist): what an
attacker or a tired editor writes outside the allow-list stops the build in
French, with the file and the line, and nothing is published; what editors
legitimately write is published as written.
"""

import json
import re

import markdown
import pytest
from bs4 import BeautifulSoup
from html_allowlist.check import offences
from html_allowlist.messages import problems
from html_allowlist.policy import policy, settings_problems

import pelicanconf
from conftest import FIXTURE_CONTENT, SKELETON, build_files, invoke, write_content
from jekyll_compat import CitationExtension

OLD_SITE = "<p>La dernière version réussie.</p>"
YOUTUBE = "www.youtube-nocookie.com"


def page(name, body):
    """A page whose body starts on line 7."""
    return f"---\ntitle: {name}\n---\n\nTexte.\n\n{body}\n"


# name: (body, line of the body where the problem is, words the message says).
ATTACKER = {
    # Every family of event attribute, on elements that are allowed.
    "onclick": ('<p onclick="alert(1)">Cliquez</p>', 1, "l’attribut « onclick » n’est pas permis sur <p>"),
    "onmouseover": ('<a href="/" onmouseover="alert(1)">x</a>', 1, "« onmouseover »"),
    "onerror": ('<img src="x.jpg" alt="x" onerror="alert(1)">', 1, "« onerror »"),
    "onfocus": ('<span tabindex="0" onfocus="alert(1)">x</span>', 1, "n’est pas permis sur <span>"),
    "ontoggle": ("<details open ontoggle=alert(1)><summary>Plus</summary></details>", 1, "« ontoggle »"),
    "onanimationstart": ('<div class="x" onanimationstart="alert(1)">x</div>', 1, "« onanimationstart »"),
    "onpointerdown-upper-case": ('<p ONPOINTERDOWN="alert(1)">x</p>', 1, "« onpointerdown »"),
    "attr-list-onclick": ('[clic](https://ailleurs.example/){: onclick="alert(1)" }', 1, "« onclick » n’est pas permis sur <a>"),
    # Elements that run, load, send or redirect.
    "svg-onload": ('<svg onload="alert(1)"></svg>', 1, "l’élément <svg> n’est pas permis"),
    "svg-xlink-javascript": ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', 1, "<svg>"),
    "svg-image": ('<svg><image href="https://autre.example/x.png"/></svg>', 1, "<svg>"),
    "mathml": ('<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>', 1, "l’élément <math>"),
    "iframe-srcdoc": ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', 1, "l’élément <iframe>"),
    "form-javascript": ('<form action="javascript:alert(1)"><button>Envoyer</button></form>', 1, "l’élément <form>"),
    "input": ("<input autofocus onfocus=alert(1)>", 1, "l’élément <input>"),
    "base": ('<base href="https://autre.example/">', 1, "l’élément <base>"),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://autre.example/">', 1, "l’élément <meta>"),
    "link-stylesheet": ('<link rel="stylesheet" href="//polices.example/f.css">', 1, "l’élément <link>"),
    "style-import": ("<style>@import url(https://autre.example/x.css);</style>", 1, "un élément <style>"),
    "script-inline": ("<script>\nfetch('https://x.example/')\n</script>", 1, "un script (<script>)"),
    "script-from-another-host": ('Texte.\n\n<script src="https://traceur.example/t.js"></script>', 3, "un script"),
    "object": ('<object data="https://autre.example/x.swf"></object>', 1, "l’élément <object>"),
    "embed": ('<embed src="https://autre.example/x">', 1, "l’élément <embed>"),
    "noscript-title": ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', 1, "<noscript>"),
    "textarea": ("<textarea><img src=x onerror=alert(1)></textarea>", 1, "l’élément <textarea>"),
    # What loads from elsewhere.
    "style-attribute": ('<span style="background-image:url(https://autre.example/x)">x</span>', 1,
                        "l’attribut « style » n’est pas permis sur <span>"),
    "table-background": ('<table background="https://autre.example/x.png"><tr><td>x</td></tr></table>', 1,
                         "l’attribut « background » n’est pas permis sur <table>"),
    "img-other-host": ('<img src="https://photos.example/a.jpg" alt="A">', 1, "venu de « photos.example »"),
    "markdown-picture-other-host": ("![Un lac](https://images.example/lac.jpg)", 1, "venu de « images.example »"),
    "srcset-other-host": ('<img src="a.jpg" srcset="a.jpg 1x, //photos.example/b.jpg 2x" alt="A">', 1,
                          "venu de « photos.example »"),
    "backslash-host": ('<img src="\\\\photos.example/a.jpg" alt="A">', 1, "venu de « photos.example »"),
    "video-other-host": ('<video controls>\n<source src="https://cdn.example/f.mp4">\n</video>', 1, "l’élément <video>"),
    # javascript:, data:, vbscript:, however written.
    "markdown-link-javascript": ("[clic](javascript:alert(1))", 1, "l’adresse « javascript:alert(1) » (href de <a>)"),
    "entity-javascript": ('<a href="&#106;avascript:alert(1)">x</a>', 1, "« javascript:alert(1) »"),
    "hex-entity-colon": ('<a href=" &#x6A;avascript&colon;alert(1)">x</a>', 1, "javascript:alert(1)"),
    "tab-entity-split": ('<a href="java&#9;script:alert(1)">x</a>', 1, "java\\x09script:alert(1)"),
    "newline-split": ('<a href="java\nscript:alert(1)">x</a>', 1, "n’est pas permise"),
    "upper-case": ('<a href="JaVaScRiPt:alert(1)">x</a>', 1, "« JaVaScRiPt:alert(1) »"),
    "data-link": ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', 1, "« data:text/html"),
    "data-picture": ('<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">', 1, "(src de <img>)"),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', 1, "« vbscript:msgbox(1) »"),
    "href-twice": ('<a href="/" href="javascript:alert(1)">x</a>', 1, "l’attribut « href » est écrit deux fois"),
    # HTML read one way by a simple parser and another by browsers.
    "comment-that-ends-at-once": ("Un mot.\n\n<!--><img src=x onerror=alert(1)>-->", 3, "pas lu de la même façon"),
    "comment-hiding-svg": ("<!--><svg onload=alert(1)><!---->", 1, "pas lu de la même façon"),
    # A tired editor's.
    "word-processor": ('<p class="MsoNormal"><span style="font-size:12pt;mso-bidi-font-weight:bold">Bonjour'
                       "<o:p></o:p></span></p>", 1, "Ctrl+Maj+V"),
    "word-processor-tag": ('<p class="MsoNormal">Bonjour<o:p></o:p></p>', 1, "la balise <o:p> vient d’un traitement de texte"),
    "font": ('<font face="Arial">Bonjour</font>', 1, "la balise <font>"),
    "youtube-embed": ('<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=x" '
                      'title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; '
                      'encrypted-media; gyroscope; picture-in-picture; web-share" '
                      'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>', 1,
                      "ajoutez « www.youtube.com » à ALLOWED_HOSTS"),
    "target-blank": ('<a href="https://ailleurs.example/" target="_blank">x</a>', 1, "l’attribut « target »"),
}


def test_every_attack_is_refused_in_french_with_its_file_and_line_and_nothing_is_published(tmp_path):
    """One build holding every case: each is named in the one report, at its
    line, and output/ stays as it was."""
    write_content(tmp_path / "content", {f"pages/{name}.md": page(name, body) for name, (body, _, _) in ATTACKER.items()})
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text(OLD_SITE, encoding="utf-8")

    result = invoke("build", "--content", tmp_path / "content", "--output", tmp_path / "output", timeout=120)
    said = result.stdout + result.stderr

    assert result.returncode != 0, said
    assert "Traceback" not in said
    assert [path.name for path in (tmp_path / "output").iterdir()] == ["index.html"]
    assert (tmp_path / "output" / "index.html").read_text(encoding="utf-8") == OLD_SITE
    lines = said.splitlines()
    for name, (_, line, words) in ATTACKER.items():
        where = f"content/pages/{name}.md, ligne {line + 6} : "
        found = [text for text in lines if where in text]
        assert found, f"{name} : {where} absent de\n{said}"
        assert any(words in text for text in found), f"{name} : {found}"


def rendered(body):
    """The HTML the site's Markdown makes of `body` (pelicanconf.MARKDOWN and
    the former site's citations)."""
    settings = pelicanconf.MARKDOWN
    converter = markdown.Markdown(extensions=[*settings["extensions"], CitationExtension()],
                                  extension_configs=settings["extension_configs"], output_format="html5")
    return converter.convert(body)


def refusals(body, hosts=(), extra=None):
    text = page("X", body)
    found = offences(rendered(text.split("---", 2)[2]),
                     policy({"ALLOWED_HOSTS": list(hosts), "SITEURL": "", "HTML_ALLOWLIST_EXTRA": extra}))
    return problems("content/pages/x.md", text, found)


@pytest.mark.parametrize("name", ATTACKER)
def test_each_attack_alone_is_refused_once_at_its_line(name):
    body, line, words = ATTACKER[name]
    said = refusals(body)
    assert len(said) >= 1 and said[0].startswith(f"content/pages/x.md, ligne {line + 6} : ") and words in said[0], said


# What editors legitimately write: (Markdown, what the published page shows).
ALLOWED = {
    "jekyll-class": ("*Rêver tout haut*{:.rever-typog} s’intéresse au monde du travail.",
                     '<em class="rever-typog">Rêver tout haut</em>'),
    "jekyll-citation": ("> « Le travailleur social se veut médiateur. »\n\nMichel Autès dans « *Les paradoxes* »\n{:.cite}",
                        '<figure class="citation">'),
    "former-site-proposition": ('  <div class="proposition"><a href="{filename}/pages/contact.md">● Nous écrire</a></div>',
                                '<div class="proposition"><a href="/contact/">'),
    "footnote": ("Un texte[^1].\n\n[^1]: Sa note.", 'class="footnote-ref"'),
    "aligned-table": ("| Atelier | Tarif |\n|:--|--:|\n| Balint | 300 € |", '<td style="text-align: right;">'),
    "definition": ("Balint\n:   Un groupe d’analyse des pratiques.", "<dd>Un groupe d’analyse des pratiques.</dd>"),
    "abbreviation": ("La CAF aide.\n\n*[CAF]: Caisse d’allocations familiales", '<abbr title="Caisse d’allocations familiales">'),
    "details": ("<details><summary>En savoir plus</summary>\n\nLe détail.\n\n</details>", "<summary>En savoir plus</summary>"),
    "figure": ('<figure><blockquote cite="https://ailleurs.example/">Une phrase.</blockquote>'
               "<figcaption>Une autrice, <cite>Un livre</cite></figcaption></figure>", "<figcaption>Une autrice"),
    "mail-and-phone": ('<a href="mailto:contact@exemple.fr">écrire</a> ou [appeler](tel:+33100000000)',
                       '<a href="tel:+33100000000">'),
    "link-to-another-site": ('[un autre site](https://ailleurs.example/) et <a href="https://ailleurs.example/b">un lien</a>',
                             'href="https://ailleurs.example/b"'),
    "inline-text": ('H<sub>2</sub>O, 10<sup>e</sup>, <mark>clé</mark>, <small>note</small>, <q>dit-elle</q>, '
                    '<kbd>Ctrl</kbd>, <span lang="en">burn out</span>, <s>ancien</s>', '<span lang="en">burn out</span>'),
    "html-shown-as-code": ('```html\n<script src="https://x.example/a.js"></script>\n```\n\nEt `<iframe src="https://x.example">`.',
                           "&lt;script src="),
    "comment": ("<!-- une note pour l’équipe -->\nUn paragraphe.", "Un paragraphe."),
    "markdown-in-div": ('<div class="encadre" markdown="1">\n*Important* : un mot.\n</div>', '<div class="encadre">'),
}


@pytest.mark.parametrize("name", ALLOWED)
def test_what_editors_write_is_allowed(name):
    assert refusals(ALLOWED[name][0]) == []


def test_what_editors_write_is_published_as_written(tmp_path):
    files = {f"pages/{name}.md": page(name, body) for name, (body, _) in ALLOWED.items()}
    result, said = build_files(tmp_path, files)
    assert result.returncode == 0, said
    for name, (_, shown) in ALLOWED.items():
        html = (tmp_path / "output" / name / "index.html").read_text(encoding="utf-8")
        assert shown in html, name


def test_the_fixture_content_and_the_former_sites_page_pass():
    """The former Jekyll site's page (seed 000, in the fixture content) and
    every fixture page: nothing refused."""
    for path in sorted(FIXTURE_CONTENT.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert offences(rendered(text.split("---", 2)[2]), policy({})) == [], path


@pytest.mark.parametrize(("body", "hosts", "refused"), [
    ('<iframe title="Vidéo" src="https://www.youtube-nocookie.com/embed/x"></iframe>', [YOUTUBE], None),
    ('<iframe title="Vidéo" src="https://www.youtube-nocookie.com/embed/x"></iframe>', [], "l’élément <iframe>"),
    ('<iframe title="Vidéo" src="https://www.youtube.com/embed/x"></iframe>', [YOUTUBE], "venu de « www.youtube.com »"),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', [YOUTUBE], "l’attribut « srcdoc »"),
    ('<iframe src="/contact/"></iframe>', [YOUTUBE], "n’est permis que pour montrer le contenu d’un hébergeur"),
    ('<iframe src="https://www.youtube-nocookie.com/embed/x" onload="alert(1)"></iframe>', [YOUTUBE], "« onload »"),
    ('<iframe src="https://www.youtube-nocookie.com/embed/x" style="border:0"></iframe>', [YOUTUBE], "« style »"),
    ("![Photo](https://WWW.YOUTUBE-NOCOOKIE.COM/x.jpg)", [YOUTUBE], None),
    ('<img src="{static}/images/a.jpg" alt="A"> ![B](images/b.jpg)', [], None),
])
def test_allowed_hosts_let_their_embeds_through_and_only_them(body, hosts, refused):
    said = refusals(body, hosts)
    if refused is None:
        assert said == []
    else:
        assert len(said) == 1 and refused in said[0], said


def test_a_setting_can_allow_more_elements():
    assert refusals("<section>Une partie.</section>")
    assert refusals("<section>Une partie.</section>", extra={"section": ["class"]}) == []
    assert refusals('<section onclick="x">Une partie.</section>', extra={"section": ["class"]})


@pytest.mark.parametrize("extra", [["section"], {"Section": ["class"]}, {"section": "class"}, {"section": [1]}])
def test_a_malformed_extra_setting_is_named(extra):
    said = settings_problems({"HTML_ALLOWLIST_EXTRA": extra})
    assert said and said[0].startswith("pelicanconf.py, réglage HTML_ALLOWLIST_EXTRA : ")


def test_an_allowed_embed_is_published_and_nothing_else_loads_or_runs(tmp_path, browser):
    """With ALLOWED_HOSTS, a video of that host is published as written; in
    Chromium, the page asks nothing of any other host and runs no script."""
    from site_checks.lighthouse import served

    embed = (f'<iframe title="Notre vidéo" width="560" height="315" src="https://{YOUTUBE}/embed/x" '
             'allow="encrypted-media; picture-in-picture" referrerpolicy="strict-origin-when-cross-origin" '
             "allowfullscreen></iframe>")
    files = {"pages/video.md": page("Vidéo", embed), "pages/confidentialite.md": SKELETON["pages/confidentialite.md"]}
    result, said = build_files(tmp_path, files, options=("-e", f"ALLOWED_HOSTS={json.dumps([YOUTUBE])}"))
    assert result.returncode == 0, said
    html = (tmp_path / "output" / "video" / "index.html").read_text(encoding="utf-8")
    assert embed in html
    policy_text = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert f"frame-src https://{YOUTUBE}" in policy_text
    with served(tmp_path / "output") as url:
        context = browser.new_context()
        asked = []
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: (asked.append(route.request.url), route.abort()))
        page_ = context.new_page()
        page_.goto(f"{url}/video/")
        page_.wait_for_load_state("networkidle")
        context.close()
    assert asked and all(address.startswith(f"https://{YOUTUBE}/") for address in asked), asked

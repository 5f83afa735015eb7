"""French typography (plugins/french_typography): a table of cases, one or
more for every rule and every exception, each also run a second time
(idempotence); properties over any HTML; and the whole built site."""

import re

import pytest
from bs4 import BeautifulSoup, Comment
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from conftest import Site, build_files, visible_text
from french_typography import french, french_filter

N = "\u202f"  # narrow no-break space
B = "\u00a0"  # no-break space

# (input HTML, expected HTML)
CASES = {
    # Before ; ! ? a narrow no-break space, one for a group; before : a no-break space.
    "point d'exclamation": ("<p>Bonjour !</p>", f"<p>Bonjour{N}!</p>"),
    "point d'interrogation collé": ("<p>Vraiment?</p>", f"<p>Vraiment{N}?</p>"),
    "point-virgule": ("<p>un ; deux</p>", f"<p>un{N}; deux</p>"),
    "deux-points": ("<p>Tarif : sur devis</p>", f"<p>Tarif{B}: sur devis</p>"),
    "deux-points collé": ("<p>Tarif: sur devis</p>", f"<p>Tarif{B}: sur devis</p>"),
    "groupe ?!": ("<p>Quoi ?!</p>", f"<p>Quoi{N}?!</p>"),
    "groupe !!!": ("<p>Enfin !!!</p>", f"<p>Enfin{N}!!!</p>"),
    "espace insécable remplacée": (f"<p>Bonjour{B}!</p>", f"<p>Bonjour{N}!</p>"),
    "deux espaces remplacées par une": ("<p>Bonjour  ?</p>", f"<p>Bonjour{N}?</p>"),
    "après une balise fermante": ('<p><a href="/x/">lien</a> !</p>', f'<p><a href="/x/">lien</a>{N}!</p>'),
    "collé à une balise fermante": ("<p><em>vrai</em>?</p>", f"<p><em>vrai</em>{N}?</p>"),
    "après du code en ligne": ("<p>la commande <code>make</code> : rien</p>", f"<p>la commande <code>make</code>{B}: rien</p>"),
    # Guillemets
    "guillemets français espacés": ("<p>« bonjour »</p>", f"<p>«{B}bonjour{B}»</p>"),
    "guillemets français collés": ("<p>«bonjour»</p>", f"<p>«{B}bonjour{B}»</p>"),
    "guillemets droits": ('<p>Il dit "bonjour" puis</p>', f"<p>Il dit «{B}bonjour{B}» puis</p>"),
    "guillemets droits échappés": ("<p>&quot;oui&quot; ou &#34;non&#34;</p>", f"<p>«{B}oui{B}» ou «{B}non{B}»</p>"),
    "guillemets anglais": ("<p>L’“aller-vers” aujourd’hui</p>", f"<p>L’«{B}aller-vers{B}» aujourd’hui</p>"),
    "guillemets autour d'une balise": ('<p>"<em>mot</em>"</p>', f"<p>«{B}<em>mot</em>{B}»</p>"),
    # Apostrophe, ellipsis, dash
    "apostrophe": ("<p>l'atelier d'écriture</p>", "<p>l’atelier d’écriture</p>"),
    "apostrophe échappée par Jinja": ("<p>l&#39;équipe</p>", "<p>l’équipe</p>"),
    "points de suspension": ("<p>Et puis...</p>", "<p>Et puis…</p>"),
    "incise entre tirets": ("<p>le groupe -- huit personnes -- se réunit</p>",
                            f"<p>le groupe —{B}huit personnes{B}— se réunit</p>"),
    "tiret seul": ("<p>Balint -- la méthode</p>", f"<p>Balint —{B}la méthode</p>"),
    # Numbers and what follows them
    "euro": ("<p>250 €</p>", f"<p>250{B}€</p>"),
    "euro collé": ("<p>250€</p>", f"<p>250{B}€</p>"),
    "pour cent": ("<p>10 %</p>", f"<p>10{B}%</p>"),
    "heure": ("<p>à 9 h</p>", f"<p>à 9{B}h</p>"),
    "heure et minutes": ("<p>1 h 30</p>", f"<p>1{B}h{B}30</p>"),
    "n°": ("<p>n° 12</p>", f"<p>n°{B}12</p>"),
    "M.": ("<p>M. Balint</p>", f"<p>M.{B}Balint</p>"),
    "Mme": ("<p>Mme Dubasque</p>", f"<p>Mme{B}Dubasque</p>"),
    "milliers, cinq chiffres": ("<p>12000 professionnels</p>", f"<p>12{N}000 professionnels</p>"),
    "milliers, sept chiffres": ("<p>1234567</p>", f"<p>1{N}234{N}567</p>"),
    "milliers avec décimales": ("<p>12345,50</p>", f"<p>12{N}345,50</p>"),
    "milliers déjà groupés": ("<p>10 000 €</p>", f"<p>10{N}000{B}€</p>"),
    "montant de quatre chiffres": ("<p>1500 €</p>", f"<p>1{N}500{B}€</p>"),
    "montant de quatre chiffres en euros": ("<p>2500 euros</p>", f"<p>2{N}500 euros</p>"),
    # Entities kept as they are, the text around them set.
    "entité &amp;": ("<p>A &amp; B ; C &lt; D</p>", f"<p>A &amp; B{N}; C &lt; D</p>"),
    "entité avant ?": ("<p>B &amp; ?</p>", f"<p>B &amp;{N}?</p>"),
    # No widow in a heading: its last two words held together when short.
    "titre sans veuve": ("<h2>Ce que vous recevez</h2>", f"<h2>Ce que vous{B}recevez</h2>"),
    "titre avec une balise": ('<h1>Nos <a href="/">ateliers</a></h1>', f'<h1>Nos{B}<a href="/">ateliers</a></h1>'),
}

# HTML the filter leaves as it is.
UNCHANGED = {
    # Already set, or nothing to hold the mark to.
    "espace fine gardée, jamais doublée": f"<p>Bonjour{N}!</p>",
    "en début de bloc, rien à coller": "<p>! note</p>",
    "après une parenthèse ouvrante": "<p>(?)</p>",
    "double tiret collé": "<p>a--b</p>",
    # Numbers that are not amounts.
    "heure collée": "<p>1h30</p>",
    "h suivi d'un mot": "<p>3 heures</p>",
    "année": "<p>en 2026, puis 1984</p>",
    "code postal": "<p>75011 Paris</p>",
    "téléphone": "<p>0123456789 ou +33123456789</p>",
    "téléphone espacé": "<p>01 23 45 67 89</p>",
    "heure 14:30": "<p>à 14:30</p>",
    "rapport 3:1": "<p>un rapport 3:1</p>",
    # Set aside by the rules.
    "émoticône": "<p>Merci :-) et ;)</p>",
    "adresse web": "<p>https://exemple.fr/a?b=1;c=2</p>",
    "adresse www": "<p>www.exemple.fr/page?x</p>",
    "adresse e-mail": "<p>contact@exemple.fr</p>",
    # Not text a visitor reads as prose.
    "attributs": '<p title="Quoi ? l\'atelier">x</p>',
    "code": "<p><code>a ; b 'c'</code></p>",
    "pre avec balises": '<pre><span class="k">if</span> a : "b"</pre>',
    "kbd et samp": "<p><kbd>Ctrl ?</kbd> <samp>ok !</samp></p>",
    "script": '<script type="application/ld+json">{"a": "b ; c"}</script>',
    "style": "<style>a::before { content: 'x' }</style>",
    "textarea": "<textarea>Bonjour !</textarea>",
    "commentaire": "<!-- note : 'x' ! --><p>a</p>",
    # Widows: only a heading's, and only short last words.
    "titre dont les derniers mots sont longs": "<h2>Analyse des pratiques professionnelles</h2>",
    "paragraphe : pas de retouche des veuves": "<p>Un texte de trois mots</p>",
}


@pytest.mark.parametrize("case", CASES)
def test_french_typography(case):
    given_html, expected = CASES[case]
    assert french(given_html) == expected


@pytest.mark.parametrize("case", CASES)
def test_running_it_twice_changes_nothing_more(case):
    _, expected = CASES[case]
    assert french(expected) == expected


@pytest.mark.parametrize("case", UNCHANGED)
def test_what_french_typography_leaves_as_it_is(case):
    assert french(UNCHANGED[case]) == UNCHANGED[case]


def test_the_tables_cover_at_least_forty_cases():
    assert len(CASES) + len(UNCHANGED) >= 40


def test_the_jinja_filter_escapes_text_and_keeps_markup():
    assert french_filter("Tarif : <b> l'atelier") == Markup(f"Tarif{B}: &lt;b&gt; l’atelier")
    assert french_filter(Markup("<em>Oui</em> !")) == Markup(f"<em>Oui</em>{N}!")


# -- Properties over any HTML --------------------------------------------------

WORDS = st.sampled_from(["Bonjour", "l'atelier", "250", "12000", "€", "%", "h", "«", "»", '"', "...", "--",
                         ":", ";", "!", "?", "?!", " ", "  ", B, N, "&amp;", "&#39;", "14:30", ":-)", "https://x.fr/?a",
                         "n°", "M.", "2026", "\n"])
TEXT = st.lists(WORDS, max_size=12).map("".join)
ATTRIBUTE = st.lists(WORDS, max_size=6).map("".join).map(lambda text: text.replace('"', "&quot;"))
VERBATIM = st.sampled_from(["code", "pre", "kbd", "samp"])


@st.composite
def html_fragments(draw):
    """Paragraphs and headings of prose, inline links with attributes, and
    code blocks, mixed."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["prose", "link", "verbatim", "heading"]))
        if kind == "prose":
            parts.append(f"<p>{draw(TEXT)}</p>")
        elif kind == "link":
            parts.append(f'<p>{draw(TEXT)}<a href="/x/?a=1" title="{draw(ATTRIBUTE)}">{draw(TEXT)}</a>{draw(TEXT)}</p>')
        elif kind == "heading":
            parts.append(f"<h2>{draw(TEXT)}</h2>")
        else:
            tag = draw(VERBATIM)
            parts.append(f"<{tag}>{draw(TEXT)}</{tag}>")
    return "".join(parts)


def untouched_parts(html):
    """What the filter must never change: the text of code, pre, kbd and samp,
    every attribute, and comments."""
    soup = BeautifulSoup(html, "html.parser")
    return ([element.decode_contents() for element in soup.find_all(["code", "pre", "kbd", "samp"])],
            [sorted(element.attrs.items()) for element in soup.find_all(True)],
            [str(comment) for comment in soup.find_all(string=lambda text: isinstance(text, Comment))])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(html_fragments())
def test_code_attributes_and_comments_never_change(html):
    assert untouched_parts(french(html)) == untouched_parts(html)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(html_fragments())
def test_no_text_is_changed_twice(html):
    once = french(html)
    assert french(once) == once


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(TEXT)
def test_the_words_stay_the_same(text):
    """Only spaces, quotes, apostrophes, dots and dashes change: the
    letters and digits a visitor reads are the same, in the same order."""
    def letters(value):
        return re.sub(r"[^\w]", "", BeautifulSoup(value, "html.parser").get_text()).replace("_", "")

    assert letters(french(f"<p>{text}</p>")) == letters(f"<p>{text}</p>")


# -- The whole built site ------------------------------------------------------

def visible_texts(soup):
    """Each run of text a visitor reads (not code, scripts, styles or comments)."""
    for text in soup.find_all(string=True):
        if isinstance(text, Comment) or text.find_parent(["code", "pre", "kbd", "samp", "script", "style", "textarea"]):
            continue
        yield text


# An ordinary space (or none) where French wants a no-break one.
WRONG = {
    "une espace ordinaire avant ; ! ? ou :": re.compile(r"[^\S\u00a0\u202f][;!?:]"),
    "une espace ordinaire après «": re.compile(r"«[^\S\u00a0\u202f]"),
    "une espace ordinaire avant »": re.compile(r"[^\S\u00a0\u202f]»"),
    "des guillemets anglais": re.compile(r"[“”]"),
    "une apostrophe droite": re.compile(r"'"),
}


@pytest.mark.parametrize("which", ["site", "published_site"])
def test_every_page_is_set_in_french_typography(request, which):
    built = request.getfixturevalue(which)
    found = []
    for path in built.html_files():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for text in visible_texts(soup):
            found += [f"{built.url_of(path)} : {what} dans « {text.strip()[:80]} »"
                      for what, pattern in WRONG.items() if pattern.search(text)]
    assert found == []


def test_the_meta_description_is_set_in_french_typography(site):
    """Attributes are left alone by the page pass: the description, which
    search engines show, goes through the Jinja filter."""
    description = site.soup("/").select_one('meta[name="description"]')["content"]
    assert "'" not in description
    assert not re.search(r"[^\S\u00a0\u202f][;!?:]", description)


def test_a_site_in_another_language_turns_it_off(tmp_path):
    files = {"pages/notes.md": "---\ntitle: Notes\nsummary: It's \"plain\".\n---\n\nIt's a test: \"quotes\" here!\n"}
    result, output = build_files(tmp_path, files, options=("-e", "FRENCH_TYPOGRAPHY=false"))
    assert result.returncode == 0, output
    page = Site(tmp_path / "output").soup("/notes/")
    assert 'It\'s a test: "quotes" here!' in visible_text(page.main)
    assert page.select_one('meta[name="description"]')["content"] == 'It\'s "plain".'

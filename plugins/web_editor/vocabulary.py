"""What the editor's preview (admin/preview.js) needs to show a document as
the site does, written at build time into /admin/preview.json: one source
for each word and each rule.

- The figures' forms come from running the site's own filters
  (plugins/offers: format_price, format_group_size, format_duration) on
  marker values, so « 6 à 10 personnes » or « 250 € par séance » are never
  typed again in JavaScript; the unit labels are the setting
  OFFERS_UNIT_LABELS, the currency symbols and « Sur devis » the filters'.
- The facts of an offer (their labels, order and filter) are read from the
  offer's template, `<dt>…</dt><dd>{{ field|filter }}</dd>` row by row, or,
  for a list the page shares with the programme, from the macro of
  macros.html it calls, `{{ caller("…", field|filter) }}` row by row; the
  sections' titles from its `<h2 id="…-titre">`.
- The stylesheets are the ones base.html links to.
"""

import datetime
import itertools
import re
from pathlib import Path

from core.dates import MONTHS, french_date
from core.durations import DURATION, format_duration
from core.prices import SYMBOLS, UNIT_LABELS, format_amount, format_group_size, format_price
from core.schemas.offer import GroupSize, Modalities, Offer, Price

# Numbers nobody writes, put where a figure goes, then replaced by a name.
MARKERS = {"min": 101, "ideal": 202, "max": 303}
HOURS, MINUTES, AMOUNT = 11, 37, 987654
# A fact of the offer template: <div class="…"><dt>Label</dt><dd …>{{ m.field|filter }}</dd></div>,
# after an {% if … %} when the page shows it only when given.
_FACT = re.compile(r'(?P<optional>\{%-?\s*if\s[^%]*%\}\s*)?<div(?: class="(?P<class>[^"]*)")?><dt>(?P<label>[^<]+)</dt><dd[^>]*>'
                   r"\{\{\s*(?P<path>[\w.]+)\s*(?:\|\s*(?P<filter>\w+)\s*)?\}\}</dd></div>")
_LIST = re.compile(r'<dl class="(?P<class>[\w-]+)">(?P<rows>.*?)</dl>', re.S)
# A list whose facts a macro gives: {% call(label, value) ui.name(offer) %}…{% endcall %}, and
# that macro's facts: {{ caller("Label", m.field|filter) }}, after an {% if … %} when optional.
_CALL = re.compile(r"\{%-?\s*call\([^)]*\)\s*\w+\.(?P<macro>\w+)\(")
_CALLER_FACT = re.compile(r'(?P<optional>\{%-?\s*if\s[^%]*%\}\s*)?\{\{\s*caller\(\s*"(?P<label>[^"]+)"\s*,\s*'
                          r"(?P<path>[\w.]+)\s*(?:\|\s*(?P<filter>\w+)\s*)?\)\s*\}\}")
_ALIAS = re.compile(r"\{%-?\s*set\s+(?P<name>\w+)\s*=\s*offer\.(?P<path>[\w.]+)\s*-?%\}")
_SECTION = re.compile(r'<h2 id="(?P<id>[\w-]+)-titre"[^>]*>(?P<title>[^<{]+)</h2>')
_ARTICLE_META = re.compile(r'class="article__meta">(?P<published>[^<{]*)<time.*?</time>\{%\s*if article\.authors\s*%\}'
                           r"(?P<by>[^{]*)\{\{", re.S)


def js_pattern(compiled):
    """A Python regular expression as JavaScript reads it: verbose spaces and
    comments dropped, (?P<name> as (?<name>; its flags."""
    source = compiled.pattern
    if compiled.flags & re.VERBOSE:
        kept, in_class, escaped, comment = [], False, False, False
        for char in source:
            if comment:
                comment = char != "\n"
                continue
            if escaped:
                kept.append(char)
                escaped = False
            elif char == "\\":
                kept.append(char)
                escaped = True
            elif in_class:
                kept.append(char)
                in_class = char != "]"
            elif char == "[":
                kept.append(char)
                in_class = True
            elif char == "#":
                comment = True
            elif not char.isspace():
                kept.append(char)
        source = "".join(kept)
    return {"source": source.replace("(?P<", "(?<"), "flags": "i" if compiled.flags & re.IGNORECASE else ""}


def group_size_forms():
    """Each combination of ideal, min and max (the names present, sorted),
    as format_group_size says it, with {min} {ideal} {max} for the numbers."""
    forms = {}
    for count in (1, 2, 3):
        for names in itertools.combinations(sorted(MARKERS), count):
            text = format_group_size(GroupSize(**{name: MARKERS[name] for name in names}))
            for name in names:
                text = text.replace(str(MARKERS[name]), "{" + name + "}")
            forms[" ".join(names)] = text
    return forms


def duration_forms():
    """format_duration's three forms, with {hours} and {minutes}."""
    def named(minutes):
        return format_duration(minutes).replace(str(HOURS), "{hours}").replace(str(MINUTES), "{minutes}")

    return {"hours": named(HOURS * 60), "hours minutes": named(HOURS * 60 + MINUTES), "minutes": named(MINUTES)}


def price_forms():
    """A price on quote, and an amount with {amount} {currency} {unit}."""
    amount = Price.model_construct(amount=AMOUNT, currency="{currency}", unit="{unit}")
    return {"on_quote": format_price(Price(on_quote=True), {}),
            "amount": format_price(amount, {}).replace(format_amount(AMOUNT), "{amount}")}


def _macro(macros, name):
    """The text of the macro `name` in the macros template, or none."""
    found = re.search(r"\{%-?\s*macro\s+" + re.escape(name) + r"\(.*?\{%-?\s*endmacro", macros, re.S)
    return found.group(0) if found else ""


def offer_facts(template, macros=""):
    """The lists of facts of the offer template, by class of <dl>: each fact's
    label, field (dotted path in the front matter), filter, class, and
    whether it is left out when empty. A list given by a macro is read in
    `macros` (the text of macros.html)."""
    aliases = {match["name"]: match["path"] for match in _ALIAS.finditer(template + macros)}
    facts = {}
    for listing in _LIST.finditer(template):
        called = _CALL.search(listing["rows"])
        found = _CALLER_FACT.finditer(_macro(macros, called["macro"])) if called else _FACT.finditer(listing["rows"])
        rows = []
        for row in found:
            first, _, rest = row["path"].partition(".")
            path = rest if first == "offer" else ".".join(filter(None, [aliases.get(first, first), rest]))
            rows.append({"label": row["label"].strip(), "field": path, "filter": row["filter"],
                         "class": row.groupdict().get("class") or "", "optional": bool(row["optional"])})
        if rows:
            facts[listing["class"]] = rows
    return facts


def date_forms():
    """french_date's two forms (the first of the month is « 1er »), with {day} {month} {year}."""
    def named(day):
        text = french_date(datetime.date(2999, 1, day)).replace(MONTHS[0], "{month}").replace("2999", "{year}")
        return text.replace(str(day), "{day}", 1) if day != 1 else text

    return {"first": named(1), "other": named(23)}


def titles(model):
    return {name: info.title or name for name, info in model.model_fields.items()}


def _template(path):
    """A template's text; none (a theme without it): the preview then shows no facts."""
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def preview_vocabulary(settings):
    """Everything preview.js reads, as one JSON-ready dict."""
    templates = Path(settings.get("THEME", "theme")) / "templates"
    offer = _template(templates / "offer.html")
    article = _ARTICLE_META.search(_template(templates / "article.html"))
    own = f"{settings.get('THEME_STATIC_DIR', 'theme')}/css/style.css"
    stylesheets = [own, *filter(None, [settings.get("IDENTITY_STYLESHEET")])]
    return {
        "stylesheets": stylesheets,
        # Outside a build (tasks.py writes /admin/ before one passes), offers has
        # not set its default yet: the same words, core/prices.py's.
        "unit_labels": settings.get("OFFERS_UNIT_LABELS") or UNIT_LABELS,
        "symbols": SYMBOLS,
        "price": price_forms(),
        "group_size": group_size_forms(),
        "duration": {"pattern": js_pattern(DURATION), "forms": duration_forms()},
        "months": list(MONTHS),
        "date": date_forms(),
        "facts": offer_facts(offer, _template(templates / "macros.html")),
        "sections": {match["id"]: match["title"].strip() for match in _SECTION.finditer(offer)},
        "titles": {**titles(Offer), **{f"modalities.{name}": title for name, title in titles(Modalities).items()}},
        "article": {"published": article["published"], "by": article["by"]} if article else None,
    }

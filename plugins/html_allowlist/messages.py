"""What the build says, in French, of HTML outside the allow-list: the file,
the line, what is wrong, why, and the fix. One function makes every message
(`message`), so that the report can be turned into other objects in one place.
"""

import re

from core.source import front_matter_end, prose

SHOW_CODE = "si vous vouliez montrer ce HTML, écrivez-le entre ``` (bloc de code)"
GUIDE = "le guide de rédaction, section « Contenus venus d’autres sites », dit ce qui est permis"


def shown(value, limit=80):
    """A value as the message quotes it: control characters made visible, cut."""
    value = re.sub(r"[\x00-\x1f]", lambda match: f"\\x{ord(match.group(0)):02x}", value)
    return value if len(value) <= limit else value[:limit] + "…"


def message(source, line, offence):
    """The French line for one Offence at `line` of `source` (content/x.md)."""
    tag, name, where = offence.tag, offence.attribute, f"{source}, ligne {line} : "
    host = f"« {offence.host} »"
    allow_host = (f"si l’association accepte cet hébergeur, ajoutez {host if offence.host else 'le sien'} à "
                  "ALLOWED_HOSTS dans pelicanconf.py (la page de confidentialité le nommera)")
    if offence.kind == "element":
        if tag == "script":
            return where + (f"un script (<script>){f' venu de {host}' if offence.host else ''} dans le texte d’une "
                            "page n’est pas permis : le site promet que seule sa page de recherche exécute un script, "
                            "le sien. Retirez-le ; " + SHOW_CODE + ".")
        if ":" in tag or tag == "font":
            return where + (f"la balise <{tag}> vient d’un traitement de texte (Word, LibreOffice…) et n’est pas "
                            "permise : collez le texte sans sa mise en forme (Ctrl+Maj+V), puis remettez titres, "
                            "listes et gras en Markdown.")
        if tag in ("iframe", "video", "audio", "track", "embed", "object"):
            return where + (f"l’élément <{tag}> n’est pas permis : il ferait charger à chaque visiteur un contenu "
                            f"{f'venu de {host}' if offence.host else 'd’un autre site'}, qui recevrait son adresse. "
                            f"Mettez un simple lien [texte](adresse) ; {allow_host}.")
        if tag == "style":
            return where + ("un élément <style> n’est pas permis : la mise en forme vient de la feuille de style du "
                            "site. Retirez-le ; pour donner une classe à un paragraphe, écrivez {:.classe} sous lui.")
        loads = f" (il ferait charger un fichier venu de {host})" if offence.host else ""
        return where + (f"l’élément <{tag}> n’est pas permis dans le texte d’une page{loads} : il pourrait exécuter "
                        "un script, charger un fichier d’un autre site ou envoyer un formulaire. Retirez-le ; "
                        f"{SHOW_CODE} ; {GUIDE}.")
    if offence.kind == "attribute":
        if name.startswith("on"):
            why = "il exécuterait un script quand le visiteur agit sur la page"
        elif name == "style":
            why = ("la mise en forme vient de la feuille de style du site (un texte collé depuis un traitement de "
                   "texte en apporte souvent : collez-le sans mise en forme, Ctrl+Maj+V)")
        elif name == "srcdoc":
            why = "il mettrait dans la page une autre page entière, avec ses scripts"
        else:
            why = "il ne fait pas partie de ce que le site permet"
        return where + (f"l’attribut « {name} » n’est pas permis sur <{tag}> : {why}. Retirez-le ; {SHOW_CODE} ; "
                        f"{GUIDE}.")
    if offence.kind == "twice":
        return where + f"l’attribut « {name} » est écrit deux fois sur <{tag}> ; gardez-en un seul."
    if offence.kind == "scheme":
        return where + (f"l’adresse « {shown(offence.value)} » ({name} de <{tag}>) n’est pas permise : seules les "
                        "adresses http://, https://, mailto:, tel: et celles du site le sont (une adresse "
                        "« javascript: » ou « data: » exécuterait ou cacherait un contenu). Corrigez-la ou retirez "
                        "le lien.")
    if offence.kind == "host" and not offence.host:
        return where + (f"<{tag}> n’est permis que pour montrer le contenu d’un hébergeur de ALLOWED_HOSTS "
                        f"(pelicanconf.py), pas « {shown(offence.value)} ». Retirez-le.")
    if offence.kind == "host":
        return where + (f"« {shown(offence.value)} » (<{tag}>) ferait charger à chaque visiteur un fichier venu de "
                        f"{host}, qui recevrait son adresse ; le site promet que rien ne vient d’un autre site. "
                        "Publiez le fichier avec le site (une image dans content/images/, avec {static}/images/…), "
                        f"ou mettez un simple lien [texte](adresse) ; {allow_host}.")
    return where + ("ce HTML n’est pas lu de la même façon par tous les navigateurs (une balise ou un commentaire "
                    "<!-- mal fermé, un tableau mal construit ?) : corrigez-le ; " + SHOW_CODE + ".")


def line_finder(text):
    """A function giving, for an Offence, the line of `text` (the file as the
    editor wrote it) where it is written: the tag as written, else its
    value, else its attribute, else its element; else the text's first line.
    The same thing found again gets its next occurrence."""
    lines = prose(text).splitlines()
    first = front_matter_end(text.splitlines()) + 1
    taken = {}

    def find(offence):
        needles = [offence.text, offence.value, offence.value.replace("&", "&amp;")]
        patterns = [re.escape(needle) for needle in needles if len(needle.strip()) >= 3]
        if offence.attribute:
            patterns.append(r"(?<![\w-])" + re.escape(offence.attribute) + r"\s*=")
        if offence.tag:
            patterns.append("<" + re.escape(offence.tag) + r"(?![\w:-])")
        for pattern in patterns:
            found = [number for number, line in enumerate(lines, 1) if re.search(pattern, line, re.IGNORECASE)]
            if found:
                nth = taken.get(pattern, 0)
                taken[pattern] = nth + 1
                return found[min(nth, len(found) - 1)]
        return min(first, max(len(lines), 1))

    return find


def problems(source, text, found):
    """The French lines for the Offences `found` in the file `source`, whose text is `text`."""
    where = line_finder(text)
    return [message(source, where(offence), offence) for offence in found]

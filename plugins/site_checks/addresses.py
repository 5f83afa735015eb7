"""Whether a mailto: or tel: link is well formed (RFC 6068 and RFC 3966),
with the fix to write when it is not."""

import re
from urllib.parse import unquote

# name@domain.tld: no space, one @, a domain with a dot (accented letters allowed).
_EMAIL = re.compile(r"[^\s@,;<>()\[\]\"]+@[\w-]+(\.[\w-]+)*\.[^\W\d_]{2,}")
# A global number: + then digits, with the visual separators - . ( ).
_GLOBAL_NUMBER = re.compile(r"\+[0-9().-]+")
_SEPARATORS = re.compile(r"[().-]")

MAILTO_EXAMPLE = "mailto:nom@domaine.fr?subject=Objet%20du%20message"
TEL_EXAMPLE = "tel:+33123456789"


def mailto_problem(url):
    """Why a mailto: link is malformed, or None."""
    rest = url[len("mailto:"):]
    if any(character.isspace() for character in rest):
        return f"une espace ne peut pas s'écrire telle quelle dans un lien : écrivez %20 (exemple : {MAILTO_EXAMPLE})"
    addresses, _, query = rest.partition("?")
    if not addresses:
        return f"aucune adresse après « mailto: » (exemple : {MAILTO_EXAMPLE})"
    for address in unquote(addresses).split(","):
        if not _EMAIL.fullmatch(address):
            return f"l'adresse e-mail « {address} » est mal formée : écrivez nom@domaine.fr"
    for parameter in filter(None, query.split("&")):
        if "=" not in parameter:
            return f"le paramètre « {parameter} » n'a pas de valeur : écrivez par exemple ?subject=Objet"
    return None


def tel_problem(url):
    """Why a tel: link is malformed, or None."""
    number, *parameters = url[len("tel:"):].split(";")
    if any(character.isspace() for character in number):
        return f"le numéro contient une espace : écrivez-le sans espace, au format international ({TEL_EXAMPLE})"
    if any(parameter.startswith("phone-context=") for parameter in parameters):
        return None if re.fullmatch(r"[0-9*#().-]+", number) else f"le numéro « {number} » est mal formé"
    if not _GLOBAL_NUMBER.fullmatch(number):
        return f"écrivez le numéro au format international, avec l'indicatif du pays : {TEL_EXAMPLE} pour 01 23 45 67 89"
    digits = len(_SEPARATORS.sub("", number)) - 1
    if not 6 <= digits <= 15:
        return f"le numéro « {number} » a {digits} chiffres : un numéro international en a de 6 à 15"
    return None

"""A telephone number as people write it, and the tel: link made from it:
the réglages schema refuses a number no link can be made from, and the
templates link to it (the `tel_uri` filter of pelicanconf.py)."""

import re

# Digits and the usual separators, with a leading + for an international number.
_PHONE = re.compile(r"\+?[0-9][0-9 .()-]{4,24}")


def tel_uri(phone):
    """The tel: link of a number written as people write it: a French one
    (01 23 45 67 89) becomes +33123456789, an international one keeps its
    country code. None when the number cannot be dialled from abroad."""
    if not _PHONE.fullmatch(phone):
        return None
    digits = re.sub(r"[^0-9]", "", phone)
    if phone.startswith("+"):
        return f"tel:+{digits}" if 6 <= len(digits) <= 15 else None
    if len(digits) == 10 and digits.startswith("0"):
        return f"tel:+33{digits[1:]}"
    return None


# The same rule for the browser (the web editor's form, JavaScript's RegExp):
# the separators and length of _PHONE, then ten digits from 0, or + and 6 to 15.
PHONE_PATTERN = (r"^\s*(?=\+?[0-9][0-9 .()-]{4,24}\s*$)(\+([ .()-]*[0-9]){6,15}|0([ .()-]*[0-9]){9})"
                 r"[ .()-]*\s*$")

"""Values editors write in French, read as they mean them.

`status: brouillon` is what a French editor writes for a draft; Pelican
knows only `draft`, and would publish an unknown status in silence.
`date: 05/11/2026` is the 5th of November in France; Pelican's date parser
reads it the American way, the 11th of May. Both are turned here into what
Pelican and the offer schema expect, or refused with the values that exist.
"""

import datetime
import math
import re

# What an editor may write for `status`, and what Pelican calls it.
STATUSES = {
    "published": "published", "publié": "published", "publiée": "published", "publie": "published",
    "draft": "draft", "brouillon": "draft",
    "hidden": "hidden", "caché": "hidden", "cachée": "hidden", "cache": "hidden", "masqué": "hidden", "masquée": "hidden",
}
# The day-first form: 05/11/2026, 5.11.2026, optionally followed by a time.
DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?$")
DATE_FIELDS = ("date", "modified")


def french_value_problems(data):
    """Put `status` and day-first dates of `data` in Pelican's form, in place;
    return (field, French problem) for each value that cannot be read."""
    problems = []
    status = data.get("status")
    if status is not None:
        known = STATUSES.get(str(status).strip().casefold())
        if known:
            data["status"] = known
        else:
            problems.append(("status", f"l’état « {status} » n’existe pas ; écrivez « publié » (published), "
                                       "« brouillon » (draft, non publié) ou « caché » (hidden, publié sans "
                                       "figurer dans les listes)."))
    for field in DATE_FIELDS:
        value = data.get(field)
        match = DAY_FIRST.match(value.strip()) if isinstance(value, str) else None
        if match:
            day, month, year, hour, minute = (int(part) if part else None for part in match.groups())
            try:
                data[field] = (datetime.datetime(year, month, day, hour, minute) if hour is not None
                               else datetime.date(year, month, day))
            except ValueError:
                problems.append((field, f"la date « {value} » n’existe pas ; elle se lit jour/mois/année "
                                        "(05/11/2026 : le 5 novembre 2026)."))
    return problems + infinite_numbers(data)


def infinite_numbers(value, path=()):
    """(path, French problem) for each `.inf` or `.nan` of `value`: YAML reads
    them as numbers, and a price would show « inf € »."""
    if isinstance(value, float) and not math.isfinite(value):
        name = ".".join(str(part) for part in path if not isinstance(part, int))
        return [(path, f"le champ « {name} » vaut « {value} », qui n’est pas un vrai nombre (.inf, .nan) ; "
                       "écrivez un nombre, par exemple 250.")]
    if isinstance(value, dict):
        return [problem for key, item in value.items() for problem in infinite_numbers(item, (*path, str(key).lower()))]
    if isinstance(value, list):
        return [problem for index, item in enumerate(value) for problem in infinite_numbers(item, (*path, index))]
    return []

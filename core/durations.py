"""Session durations: read as editors write them (« 1h30 », « 2 h », « 45 min »),
kept in minutes, shown the French way (« 1 h 30 »).

Minutes let the comparison page compute a price per hour, and one display
rule keeps every page consistent whatever the editor typed.
"""

import re

DURATION = re.compile(
    r"""^\s*(?:
        (?P<hours>\d{1,2})\s*(?:h|heures?)\s*(?P<minutes>[0-5]\d)?(?:\s*(?:min|minutes?))?   # 1h30, 2 h, 1 h 30 min
      | (?P<only_minutes>\d{1,3})\s*(?:min|minutes?)                                      # 45 min
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def parse_duration(text):
    """Minutes in `text`, or None when it is not a duration written as above."""
    match = DURATION.match(text)
    if not match:
        return None
    if match["only_minutes"]:
        minutes = int(match["only_minutes"])
    else:
        minutes = int(match["hours"]) * 60 + int(match["minutes"] or 0)
    return minutes or None


def format_duration(minutes):
    """« 1 h 30 », « 2 h », « 45 min », with no-break spaces so a line never
    splits a duration."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}\u00a0min"
    return f"{hours}\u00a0h\u00a0{rest:02d}" if rest else f"{hours}\u00a0h"


def show_duration(text):
    """A duration as the site shows it, or the editor's words when it is not
    a figure (« à définir avec l’équipe »)."""
    minutes = parse_duration(text)
    return format_duration(minutes) if minutes else text

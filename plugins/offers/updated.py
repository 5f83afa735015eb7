"""The day an offer's information last changed: the `modified:` its editor
wrote, else the day its file was last committed to git; never the build's.

Qualiopi (indicator 1) asks for information « datée et actualisée ». A
build's date would say the offer was checked that day, which nobody did;
a file's modification time changes with a checkout or a copy. So where
neither the editor nor git knows (a file not committed yet, or changed
since its last commit), the date is None and the site says nothing.
"""

import datetime
import subprocess
import zoneinfo
from pathlib import Path

# Enough for any repository's history of one folder; git is local.
GIT_TIMEOUT = 30


def committed_dates(folder, timezone="UTC"):
    """{absolute path: date of its last commit} for the files of `folder`, in one
    `git log` (one process, whatever the number of files); {} outside git.
    A file changed since its last commit, or not committed, is left out: its
    commit date is not the date of what the page shows. In a shallow clone, a
    file whose last commit is the clone's first is left out too: its real
    date is older and unknown."""
    folder = Path(folder).resolve()
    log = _git(folder, "log", "--format=%x00%H %P%x00%cI", "--name-only", "--relative", "--", ".")
    changed = _git(folder, "diff", "--name-only", "--relative", "HEAD", "--", ".")
    if log is None or changed is None:
        return {}
    shallow = _git(folder, "rev-parse", "--is-shallow-repository") == "true\n"
    zone = zoneinfo.ZoneInfo(timezone)
    dates, when = {}, None
    for line in log.splitlines():
        if line.startswith("\0"):
            commits, stamp = line[1:].split("\0")
            boundary = shallow and len(commits.split()) == 1
            when = None if boundary else datetime.datetime.fromisoformat(stamp).astimezone(zone).date()
        elif line and line not in dates:
            dates[line] = when
    changed = set(changed.splitlines())
    return {folder / name: day for name, day in dates.items() if day is not None and name not in changed}


def _git(folder, *arguments):
    """git's output, or None when `folder` is not in a repository or git is absent."""
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(folder), *arguments],
                              capture_output=True, text=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def written_date(value):
    """The editor's `modified:` as a date (YAML gives a date, or a datetime)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else None


def date_offers(pages, content_path, settings):
    """Give each offer page `updated`: its editor's date, else git's, else None."""
    if not pages:
        return
    folder = Path(content_path) / settings["OFFERS_PATH"]
    committed = committed_dates(folder, settings.get("TIMEZONE") or "UTC") if folder.is_dir() else {}
    for page in pages:
        source = Path(page.source_path).resolve()
        page.updated = written_date(page.offer.modified) or committed.get(source)

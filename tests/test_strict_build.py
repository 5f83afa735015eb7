"""strict_build translates some of Pelican's messages by their English
wording: each wording must still be one that Pelican logs, so an upgrade
that rewords a message fails here (and in the weekly run against the
newest Pelican) rather than leaving an editor an English line."""

from pathlib import Path

import pelican
import pytest

from core.build import FRENCH, FRENCH_BY_START

PELICAN_SOURCE = "\n".join(path.read_text(encoding="utf-8") for path in Path(pelican.__file__).parent.glob("*.py"))


@pytest.mark.parametrize("wording", [*FRENCH, *FRENCH_BY_START])
def test_each_translated_message_is_still_logged_by_pelican(wording):
    assert repr(wording)[1:-1] in PELICAN_SOURCE or wording in PELICAN_SOURCE, (
        f"Pelican no longer logs {wording!r}: update its translation in core/build.py.")

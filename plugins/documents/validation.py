"""Check every page's and article's front matter against its schema, once
they are all read, as offers are checked (plugins/offers/validation.py).

What is checked is what the editor wrote (the reader's `front_matter`);
each problem is logged as an error naming file, line and field, with
core/messages.py's words; strict_build gathers them into one report and
stops the build before anything is written.
"""

import logging

from pydantic import ValidationError

from core.messages import explain_all
from core.names import editor_path
from core.plugins import plugin_names
from core.schemas import is_offer

logger = logging.getLogger(__name__)

# Fields another of our plugins checks, naming file and line itself: one
# mistake is said once, by it (the schema still gives their form).
CHECKED_ELSEWHERE = {"image": "pictures"}


def check_document(content, model, settings):
    """Log each problem of `content`'s front matter against `model`; True when none."""
    written = content.metadata.get("front_matter")
    if written is None:  # read by another reader (an HTML page): nothing the editor wrote in YAML
        return True
    extra = set(settings["DOCUMENTS_EXTRA_FIELDS"])
    try:
        model.model_validate({name: value for name, value in written.data.items() if name not in extra})
        return True
    except ValidationError as error:
        active = plugin_names(settings)
        problems = [problem for problem in error.errors() if CHECKED_ELSEWHERE.get(problem["loc"][0]) not in active]
    if not problems:
        return True
    # Logged outside `except`: the log would otherwise carry pydantic's English traceback.
    for message in explain_all(problems, model, editor_path(content, settings), written.lines):
        logger.error("%s", message)
    return False


def check_documents(contents, model, settings):
    """Check every page or article but offers, which have their own schema."""
    for content in contents:
        if not is_offer(content, settings):
            check_document(content, model, settings)

"""What an editor picks in a list, by the value the file then says: the
labels of the web editor's selects and of the guide's table of fields."""

from .prices import UNIT_LABELS

CHOICES = {
    "status": {"published": "Publié", "hidden": "Publié, hors des listes", "draft": "Brouillon (non publié)"},
    "unit": UNIT_LABELS,
}

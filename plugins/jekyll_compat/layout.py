"""Jekyll's `layout:` chooses the template, as Pelican's `template:` does."""

from pathlib import Path


class LayoutError(ValueError):
    """A layout the theme does not have; the message is for editors, in French."""


def available_templates(settings):
    """Names of the theme's templates, without `.html`."""
    folders = [Path(settings["THEME"]) / "templates", *map(Path, settings.get("THEME_TEMPLATES_OVERRIDES", []))]
    return sorted({path.stem for folder in folders for path in folder.glob("*.html")})


def apply_layout(metadata, settings):
    """Set `template` from `layout` unless the file already names a template."""
    layout = metadata.get("layout")
    if layout is None or "template" in metadata:
        return
    templates = available_templates(settings)
    if layout not in templates:
        raise LayoutError(
            f"la mise en page « {layout} » (champ layout) n'existe pas dans le thème. "
            f"Mises en page disponibles : {', '.join(templates)}."
        )
    metadata["template"] = layout

"""Where the checks' outside tools are: the Node packages that `make`
installs from package.json (at the project's root), Java, and the system's
Chromium. A missing one is named with the command that installs it."""

import os
import shutil
from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
# Headless, and nothing that would reach the network on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class MissingTool(RuntimeError):
    """A tool the checks need is not installed."""


def required(path):
    if not Path(path).is_file():
        raise MissingTool(f"{path} est introuvable : lancez `make check` ou `make test`, qui installent les outils (npm ci).")
    return Path(path)


def java_path():
    java = shutil.which("java")
    if java is None:
        raise MissingTool(
            "Java est introuvable : lancez `make check` ou `make test`, qui l'installent (paquet Debian default-jre-headless)."
        )
    return java


def chromium_path():
    """Debian's chromium, or the Chrome preinstalled on GitHub's runner."""
    for name in (os.environ.get("CHROMIUM"), "chromium", "google-chrome", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    raise MissingTool("Chromium est introuvable : lancez `make check` ou `make test`, qui l'installent (paquet Debian chromium).")

"""The files of a built site, and which one GitHub Pages serves for a URL.

Looked up in a set of the names as written, so a path spelt with other case
fails here as it does on GitHub's servers, even on a Mac or Windows disk that
would find it.
"""

from pathlib import Path


class SiteFiles:
    def __init__(self, root):
        self.root = Path(root)
        self.files, self.folders = set(), set()
        for path in self.root.rglob("*"):
            name = path.relative_to(self.root).as_posix()
            (self.folders if path.is_dir() else self.files).add(name)
        self._by_lower = {name.lower(): name for name in self.files}

    @staticmethod
    def candidates(path):
        """The files GitHub Pages would serve for a URL path ("ateliers/x/", no
        leading slash, decoded), in its order: a folder means its index.html,
        and `page` without a slash is `page/` (a redirect) or `page.html`."""
        if path == "" or path.endswith("/"):
            return [path + "index.html"]
        return [path, f"{path}/index.html", f"{path}.html"]

    def served(self, path):
        """The file served for a URL path, or None."""
        return next((name for name in self.candidates(path) if name in self.files), None)

    def spelt_otherwise(self, path):
        """How a URL path that leads to a file only with other case must be
        written, or None."""
        for candidate in self.candidates(path):
            name = self._by_lower.get(candidate.lower())
            if name is not None and name != candidate:
                return name[: len(path)]
        return None

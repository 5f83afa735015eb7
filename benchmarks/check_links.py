"""The link checker alone, as a process, on every core as in the build:
`python benchmarks/check_links.py DOSSIER [SITEURL]`."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # core/
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from site_checks.links import check_site

if __name__ == "__main__":
    result = check_site(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "", workers=os.cpu_count())
    print(f"{result.pages} pages, {len(result.problems)} problème(s)")
    sys.exit(1 if result.problems else 0)

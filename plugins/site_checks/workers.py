"""The link checker on every core: parsing the written pages is its whole
cost, and one page's parse is independent of the others'. Worker processes
only parse (read_page logs nothing, changes nothing): the pages' results
come back, nothing of Pelican's runs in them. PROCESSES sets how many
(all cores by default; 1 parses in turn, as does a small site).
"""

from concurrent.futures import ProcessPoolExecutor

from core.plugins import workers

# Below this many pages, parsing in turn is faster than starting processes.
MINIMUM_ITEMS = 64


def processes(settings):
    return workers(settings)


def map_all(function, items, workers):
    """[function(item), …] in order, in `workers` processes when there are enough items."""
    items = list(items)
    if workers < 2 or len(items) < MINIMUM_ITEMS:
        return [function(item) for item in items]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(function, items, chunksize=max(1, len(items) // (workers * 8))))

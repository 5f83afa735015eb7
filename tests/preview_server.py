"""The preview's server (live_preview, with the editor's local mode) run in
a thread of the test, on a folder already built: the tests reach it over
loopback as a browser does, without waiting for `make serve`'s builds."""

import asyncio
import contextlib
import threading
from pathlib import Path

import live_preview
import local_editor


class RunningPreview:
    def __init__(self, preview, editor, port):
        self.preview, self.editor, self.port = preview, editor, port
        self.origin = f"http://localhost:{port}"


@contextlib.contextmanager
def running_preview(root, content, port=0, report=None, build=None):
    """Serve `root` (a built site) as `make serve` does, /admin/ saving into
    `content`, while the block runs; yields a RunningPreview. With `build`
    (as live_preview.watch calls it), each save into `content` runs it."""
    sockets = live_preview.bind(port)
    preview = live_preview.Preview(Path(root))
    preview.report = report
    editor = local_editor.Editor(content)
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder = {}

    def run():
        asyncio.set_event_loop(loop)

        async def begin():
            holder["server"] = live_preview.start(preview, sockets, editor)
            if build:
                holder["watch"] = asyncio.ensure_future(live_preview.watch(preview, build, content, []))
            started.set()

        loop.run_until_complete(begin())
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield RunningPreview(preview, editor, sockets[0].getsockname()[1])
    finally:
        if "watch" in holder:
            loop.call_soon_threadsafe(holder["watch"].cancel)
        loop.call_soon_threadsafe(holder["server"].stop)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)

"""The core the plugins stand on: no Pelican plugin lives here.

Plain Python that every plugin, the editor commands (tasks.py), the preview
(live_preview.py) and the tests share: documents as editors wrote them, the
problems a build reports, the schemas of each kind of document. A plugin
wires Pelican's public signals to these functions; it never imports another
plugin.
"""

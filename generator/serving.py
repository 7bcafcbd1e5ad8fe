"""`serve`: the output folder on a local web server, rebuilt as files are saved, its open pages reloaded.

The pages in the output folder hold no script (see web.py). The server adds one only to what it
sends: a few lines that ask every second how many builds there have been, and reload the page
when another has finished.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

GENERATION = "/__generation"  # the count of finished builds, which the open pages ask for
RELOAD = """<script>
(function () {
  var seen = null;
  setInterval(function () {
    fetch("%s", {cache: "no-store"}).then(function (answer) { return answer.text(); }).then(function (count) {
      if (seen !== null && count !== seen) { location.reload(); }
      seen = count;
    }).catch(function () {});
  }, 1000);
})();
</script>
""" % GENERATION


class Preview:
    """The count of finished builds, which a rebuild raises and the served pages watch."""

    def __init__(self):
        self.generation = 0
        self.lock = threading.Lock()

    def built(self) -> None:
        """Note that a build finished, so that the open pages reload."""
        with self.lock:
            self.generation += 1


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        if self.path == GENERATION:
            return self._send(str(self.preview.generation).encode(), "text/plain")
        path = Path(self.translate_path(self.path))
        if path.is_dir() and (path / "index.html").is_file() and self.path.endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            html = path.read_text(encoding="utf-8")
            cut = html.rfind("</body>")
            html = html[:cut] + RELOAD + html[cut:] if cut >= 0 else html + RELOAD
            return self._send(html.encode("utf-8"), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (http.server's name): the builds' lines are what to read
        pass


def start_server(folder: Path, host: str, port: int, preview: Preview) -> http.server.ThreadingHTTPServer:
    """Start serving `folder` at host:port (port 0: any free one) in a thread of its own, and return the server."""
    handler = type("Handler", (_Handler,), {"preview": preview})
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

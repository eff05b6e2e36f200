"""An HTTP backend for the blue-green and upstream e2e tests, on 127.0.0.1:PORT.

Usage: slot_server.py PORT NAME [API_STATUS [API_DELAY_MS]]
/health answers 200 NAME (the slot looks healthy to its own check); /api
answers API_STATUS (default 200) NAME after API_DELAY_MS (default 0);
/hold?s=N answers 200 NAME after N seconds (a long request held open); any
other path answers 200 NAME.
"""
import http.server
import sys
import time
import urllib.parse

port, name = int(sys.argv[1]), sys.argv[2]
api_status = int(sys.argv[3]) if len(sys.argv) > 3 else 200
api_delay = int(sys.argv[4]) / 1000 if len(sys.argv) > 4 else 0


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        status = 200
        if url.path == "/api":
            status = api_status
            time.sleep(api_delay)
        elif url.path == "/hold":
            time.sleep(float(urllib.parse.parse_qs(url.query).get("s", ["1"])[0]))
        data = (name + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()

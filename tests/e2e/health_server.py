"""HTTP endpoints for the health.check e2e test, on 127.0.0.1:PORT.

/health answers 200 "ok"; /slow answers "ok" after 200 ms; /down answers
503 "Service Unavailable"; /wrong answers 200 "maintenance"; /host answers
200 with the Host header it received.
"""
import http.server
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        status, body = 200, "ok\n"
        if self.path == "/slow":
            time.sleep(0.2)
        elif self.path == "/down":
            status, body = 503, "Service Unavailable\n"
        elif self.path == "/wrong":
            body = "maintenance\n"
        elif self.path == "/host":
            body = "host=%s\n" % self.headers.get("Host", "")
        elif self.path != "/health":
            status, body = 404, "not found\n"
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()

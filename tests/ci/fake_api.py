#!/usr/bin/env python3
"""A stand-in for the GitHub or GitLab REST API, and nothing else: the CI
scripts' curl calls go to it over 127.0.0.1. Each request is answered from
ROUTES (re-read on every request, so a test changes the answers between
steps) and recorded as one JSON line in LOG. The port it listens on is
written to PORT_FILE once it listens.

  fake_api.py PORT_FILE ROUTES LOG

ROUTES is a JSON list of {"method", "path", "status", "json"} or
{..., "file"}: the first whose method matches and whose path equals the
request's path and query answers; anything else is a 404.
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port_file, routes_file, log_file = sys.argv[1:4]


class Handler(BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        with open(log_file, "a") as log:
            log.write(json.dumps({
                "method": self.command, "path": self.path, "body": body,
                "auth": self.headers.get("Authorization") or self.headers.get("PRIVATE-TOKEN"),
            }) + "\n")
        with open(routes_file) as f:
            routes = json.load(f)
        for route in routes:
            if route["method"] == self.command and route["path"] == self.path:
                if "file" in route:
                    with open(route["file"], "rb") as f:
                        payload = f.read()
                else:
                    payload = json.dumps(route.get("json", {})).encode()
                self.send_response(route.get("status", 200))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
        self.send_error(404, "no route for %s %s" % (self.command, self.path))

    do_GET = do_POST = do_PATCH = do_PUT = answer

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".part", "w") as f:
    f.write(str(server.server_address[1]))
# The rename makes the port file appear whole.
os.rename(port_file + ".part", port_file)
server.serve_forever()

"""Loads a local page in headless Chromium and records what it did.

    python3 headless_page.py PAGE.html OUT_DIR

Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe:
NUL-terminated JSON on fds 3 and 4, so no WebSocket library is needed), with a
proxy on a closed loopback port so nothing can leave the machine anyway. Writes
to OUT_DIR:

  requests.txt    every URL the page asked for (Network.requestWillBeSent),
                  one a line, the page itself included
  console.txt     every console error, uncaught exception and browser log
                  entry at error level (a blocked load, a CSP violation)
  dom.html        the DOM after the load event (document.documentElement.outerHTML)
  screenshot.png  the whole page, as a PNG

Exits 0 when the page loaded and every file is written, 1 (with the reason)
when Chromium cannot start or does not load the page within 60 s: a test that
uses it must fail then, not pass with nothing checked.
"""
import base64
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Browser:
    def __init__(self, profile):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            sys.exit("headless_page: chromium not found (apt-get install chromium)")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():
            # dup2 of an fd onto itself keeps its close-on-exec flag: clear it.
            for fd, number in ((to_child_r, 3), (from_child_w, 4)):
                if fd != number:
                    os.dup2(fd, number)
                os.set_inheritable(number, True)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--disable-background-networking",
             "--remote-debugging-pipe", "--user-data-dir=" + profile,
             "--proxy-server=127.0.0.1:%d" % closed_port(), "--window-size=1280,900",
             "about:blank"],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.time() + TIMEOUT

    def read(self):
        """The next message from Chromium; exits when it is gone or too slow."""
        while b"\0" not in self.buffer:
            left = self.deadline - time.time()
            if left <= 0:
                sys.exit("headless_page: chromium did not answer within %d s" % TIMEOUT)
            ready, _, _ = select.select([self.from_child], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                sys.exit("headless_page: chromium exited (status %s)" % self.proc.poll())
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self.to_child, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            sys.exit("headless_page: chromium exited (status %s)" % self.proc.poll())
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    sys.exit("headless_page: %s failed: %s" % (method, reply["error"]))
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method):
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self.read()
            if event.get("method") == method:
                return event
            self.events.append(event)

    def drain(self, seconds):
        """Keeps the events that arrive in the next `seconds`."""
        end = time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([self.from_child], [], [], max(end - time.time(), 0))
            if ready:
                chunk = os.read(self.from_child, 1 << 20)
                if not chunk:
                    return
                self.buffer += chunk
                while b"\0" in self.buffer:
                    message, self.buffer = self.buffer.split(b"\0", 1)
                    self.events.append(json.loads(message))

    def close(self):
        try:
            self.call("Browser.close")
        except SystemExit:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main():
    page, out = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(profile)
        try:
            targets = browser.call("Target.getTargets")["targetInfos"]
            target = next(t["targetId"] for t in targets if t["type"] == "page")
            session = browser.call("Target.attachToTarget",
                                   {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Network", "Runtime", "Log", "Page"):
                browser.call(domain + ".enable", session=session)
            browser.call("Page.navigate", {"url": "file://" + page}, session=session)
            browser.wait_for("Page.loadEventFired")
            browser.drain(1.0)
            dom = browser.call("Runtime.evaluate",
                               {"expression": "document.documentElement.outerHTML",
                                "returnByValue": True}, session=session)["result"]["value"]
            size = browser.call("Page.getLayoutMetrics", session=session)["cssContentSize"]
            shot = browser.call("Page.captureScreenshot",
                                {"format": "png", "captureBeyondViewport": True,
                                 "clip": {"x": 0, "y": 0, "width": size["width"],
                                          "height": size["height"], "scale": 1}},
                                session=session)["data"]
        finally:
            browser.close()
    requests, console = [], []
    for event in browser.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            console.append("console.%s: %s" % (params["type"], " ".join(
                str(a.get("value", a.get("description", ""))) for a in params["args"])))
        elif method == "Runtime.exceptionThrown":
            console.append("exception: %s" % params["exceptionDetails"].get("text", ""))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            console.append("log: %s %s" % (params["entry"]["text"], params["entry"].get("url", "")))
    with open(os.path.join(out, "requests.txt"), "w") as f:
        f.writelines(url + "\n" for url in requests)
    with open(os.path.join(out, "console.txt"), "w") as f:
        f.writelines(line + "\n" for line in console)
    with open(os.path.join(out, "dom.html"), "w") as f:
        f.write(dom)
    with open(os.path.join(out, "screenshot.png"), "wb") as f:
        f.write(base64.b64decode(shot))


if __name__ == "__main__":
    main()

"""Opens TCP connections as fast as the kernel sends SYNs and counts those
that complete: connect_burst.py HOST PORT WAIT SOURCE:COUNT...

Every connection of every source is started (non-blocking) before any is
waited for, so the sources share one instant. After WAIT seconds (less than
the 1 s TCP takes to resend a dropped SYN) a connection that is not
established counts as refused. Prints "SOURCE ESTABLISHED" per source and
keeps the connections open until its standard input closes, so a connection
limit sees them all."""
import select
import socket
import sys
import time

host, port, wait = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
plan = [(spec.split(":")[0], int(spec.split(":")[1])) for spec in sys.argv[4:]]
pending = []
for source, count in plan:
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.bind((source, 0))
        s.connect_ex((host, port))
        pending.append((source, s))
deadline = time.monotonic() + wait
while time.monotonic() < deadline:
    select.select([], [], [], deadline - time.monotonic())
established = {source: 0 for source, _ in plan}
for source, s in pending:
    if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
        try:
            s.getpeername()
            established[source] += 1
        except OSError:
            pass
for source, _ in plan:
    print(source, established[source], flush=True)
sys.stdin.read()

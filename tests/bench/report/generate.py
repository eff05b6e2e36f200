"""A synthetic estate and run log for the report benchmark.

    python3 generate.py DIR [HOSTS] [RESOURCES] [DAYS]     (default 200 50 90)

Writes DIR/specs (kilter.toml with HOSTS local hosts, specs declaring
RESOURCES - 1 files and one health.check on each) and DIR/run.log: one
`kilter drift` line per night for DAYS nights, each holding every host and
its RESOURCES resources (docs/run-log.md): the files, about 1 % drifted with
a diff, the health check's median, worst and target latency (100 ms; now and
then slower), and a backup.policy's age and interval. Seeded: the same
arguments make the same files.
"""
import json
import os
import random
import sys
import time

out = sys.argv[1]
hosts = int(sys.argv[2]) if len(sys.argv) > 2 else 200
resources = int(sys.argv[3]) if len(sys.argv) > 3 else 50
days = int(sys.argv[4]) if len(sys.argv) > 4 else 90
rng = random.Random(42)
names = ["web%03d" % i for i in range(hosts)]
files = ["conf%02d" % i for i in range(resources - 2)]

os.makedirs(os.path.join(out, "specs"), exist_ok=True)
with open(os.path.join(out, "specs", "kilter.toml"), "w") as f:
    for h in names:
        f.write('[hosts.%s]\ntransport = "local"\n\n' % h)
with open(os.path.join(out, "specs", "estate.kilt"), "w") as f:
    f.write("group all = [%s]\n\n" % ", ".join('"%s"' % h for h in names))
    f.write("for n in [%s] {\n" % ", ".join('"%s"' % n for n in files))
    f.write('  file "${n}" on all {\n    path    = "/etc/kilter-bench/${n}"\n'
            '    content = "x"\n  }\n}\n\n')
    f.write('health.check "api" on all {\n  http        = "http://127.0.0.1:8080/health"\n'
            '  max_latency = 100ms\n}\n')

start = 1764990000  # 2025-12-06T03:00:00Z
with open(os.path.join(out, "run.log"), "w") as log:
    for day in range(days):
        t = start + day * 86400
        line_hosts = []
        for h in names:
            rs = []
            for n in files:
                address = 'file "%s" @ %s' % (n, h)
                r = {"address": address, "type": "file", "name": n, "status": "in_sync"}
                if rng.random() < 0.01:
                    r.update(status="drifted", kind="update", cause="live-changed",
                             diff=['content: "x" → "edited by hand on night %d"' % day])
                rs.append(r)
            median = rng.uniform(0.03, 0.09) if rng.random() < 0.97 else rng.uniform(0.1, 0.3)
            rs.append({"address": 'health.check "api" @ %s' % h, "type": "health.check",
                       "name": "api", "status": "in_sync" if median <= 0.1 else "failed",
                       "measures": {"latency_median_seconds": round(median, 4),
                                    "latency_worst_seconds": round(median * 1.3, 4),
                                    "latency_target_seconds": 0.1}})
            rs.append({"address": 'backup.policy "nightly" @ %s' % h, "type": "backup.policy",
                       "name": "nightly", "status": "in_sync",
                       "measures": {"backup_age_seconds": rng.randint(3600, 30000),
                                    "backup_interval_seconds": 86400}})
            line_hosts.append({"host": h, "reachable": True,
                               "last_apply": "2025-12-01T10:00:00Z", "resources": rs})
        line = {"log": 1, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)),
                "command": "drift", "duration_seconds": 40.0, "exit_status": 2,
                "hosts": line_hosts}
        log.write(json.dumps(line, ensure_ascii=False) + "\n")

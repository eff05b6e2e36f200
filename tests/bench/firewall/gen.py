"""Writes a catalog of N firewall rules on one local host, and the same
ruleset as a plain nft file, for run.sh."""
import json
import sys

n, out_catalog, out_nft = int(sys.argv[1]), sys.argv[2], sys.argv[3]
resources = [{
    "type": "firewall.chain", "name": "input", "host": "bench",
    "fields": {"hook": "input", "policy": "accept", "priority": 0, "type": "filter"},
    "field_types": {}, "sensitive": [], "after": [],
    "source": {"file": "bench.kilt", "line": 1, "col": 1},
}]
lines = []
for i in range(n):
    fields = {
        "chain": "input", "proto": "tcp", "dport": 10000 + i,
        "saddr": f"10.{i // 256 % 256}.{i % 256}.0/24", "counter": True, "action": "accept",
    }
    resources.append({
        "type": "firewall.rule", "name": f"r{i}", "host": "bench", "fields": fields,
        "field_types": {}, "sensitive": [], "after": [],
        "source": {"file": "bench.kilt", "line": i + 2, "col": 1},
    })
    lines.append(f"\t\tip saddr {fields['saddr']} tcp dport {fields['dport']} counter accept "
                 f"comment \"kilter:r{i}\"")
catalog = {
    "version": 1, "known_hosts": "", "suppressions": [], "params": {},
    "hosts": [{"name": "bench", "address": "127.0.0.1", "user": "", "port": 22,
               "transport": "local", "identity": "", "providers": {}}],
    "resources": resources,
}
with open(out_catalog, "w") as f:
    json.dump(catalog, f)
with open(out_nft, "w") as f:
    f.write("table inet kilter {}\ndelete table inet kilter\ntable inet kilter {\n"
            "\tchain input {\n\t\ttype filter hook input priority 0; policy accept;\n")
    f.write("\n".join(lines) + "\n\t}\n}\n")

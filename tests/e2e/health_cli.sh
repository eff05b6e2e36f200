#!/usr/bin/env bash
# health.check through the kilter binary, over the local transport and over
# SSH (the estate's sshd: the probes run on the remote side), against real
# servers this script starts on loopback: an HTTP server (healthy, 200 ms
# slow, 503, wrong body, Host header), a TLS server whose certificate names
# another host (openssl), an HTTPS server whose certificate only a private CA
# vouches for (ca_file), and a port nothing listens on. Healthy checks are
# quiet in plan and drift, ok in probe; each failing one is drift naming host,
# resource and what was measured; apply changes nothing.
. "$(dirname "$0")/lib.sh"

http_port=$((ESTATE_PORT_BASE + 60))
tls_port=$((ESTATE_PORT_BASE + 61))
closed_port=$((ESTATE_PORT_BASE + 62))
https_port=$((ESTATE_PORT_BASE + 63))
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# wait_port PORT PID WHAT: fails loudly unless process PID listens on PORT
# within 10 s (a port taken by another process fails too: PID has exited).
wait_port() {
  for _ in $(seq 100); do
    kill -0 "$2" 2>/dev/null || fail "$3 exited: is 127.0.0.1:$1 taken?"
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  fail "$3 did not start on 127.0.0.1:$1"
}

python3 "$(dirname "$0")/health_server.py" "$http_port" &
pids+=($!)
tls=$work/tls
mkdir -p "$tls"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tls/ca.key" -out "$tls/ca.pem" -days 2 \
  -subj "/CN=kilter e2e CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$tls/srv.key" -out "$tls/srv.csr" \
  -subj "/CN=other.example" 2>/dev/null
printf 'subjectAltName=DNS:other.example\n' > "$tls/ext"
openssl x509 -req -in "$tls/srv.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
  -out "$tls/srv.pem" -days 2 -extfile "$tls/ext" 2>/dev/null
openssl s_server -accept "$tls_port" -4 -cert "$tls/srv.pem" -key "$tls/srv.key" -quiet \
  </dev/null >/dev/null 2>&1 &
pids+=($!)
# The HTTPS server: a certificate for 127.0.0.1 from the same private CA.
openssl req -newkey rsa:2048 -nodes -keyout "$tls/web.key" -out "$tls/web.csr" \
  -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' > "$tls/web-ext"
openssl x509 -req -in "$tls/web.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
  -out "$tls/web.pem" -days 2 -extfile "$tls/web-ext" 2>/dev/null
openssl s_server -accept "$https_port" -4 -cert "$tls/web.pem" -key "$tls/web.key" -www -quiet \
  </dev/null >/dev/null 2>&1 &
pids+=($!)
wait_port "$http_port" "${pids[0]}" "the HTTP test server"
wait_port "$tls_port" "${pids[1]}" "openssl s_server"
wait_port "$https_port" "${pids[2]}" "openssl s_server -www"
sleep 0.5
for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || fail "a test server exited after starting"; done
if (exec 3<>"/dev/tcp/127.0.0.1/$closed_port") 2>/dev/null; then
  fail "something listens on 127.0.0.1:$closed_port, which the test needs closed"
fi

healthy() {
  cat > "$specs/health.kilt" <<KILT
health.check "shop" on box {
  http        = "http://127.0.0.1:$http_port/health"
  expect_body = "ok"
  max_latency = 100ms
}

health.check "vhost" on box {
  http        = "http://127.0.0.1:$http_port/host"
  headers     = { "Host" = "shop.example" }
  expect_body = "/^host=shop\\\\.example\$/"
}

health.check "port" on box {
  tcp = "127.0.0.1:$http_port"
}

health.check "cert" on box {
  tls         = "127.0.0.1:$tls_port"
  server_name = "other.example"
  ca_file     = "$tls/ca.pem"
}
KILT
}

# A curl that records where it runs: the SSH connection it was started in.
mkdir -p "$work/bin"
cat > "$work/bin/curl" <<SH
#!/bin/sh
printf '%s\\n' "\${SSH_CONNECTION:-none}" >> "$work/curl-ran-in"
exec curl "\$@"
SH
chmod +x "$work/bin/curl"
load_env sshd

for transport in local ssh; do
  echo "== $transport: healthy checks are quiet"
  inventory "$transport"
  printf '\n[providers."health.check"]\ncurl = "%s"\n' "$work/bin/curl" >> "$specs/kilter.toml"
  rm -f "$work/curl-ran-in"
  healthy
  run 0 "$KILTER" check "$specs"
  run 0 "$KILTER" plan "$specs"
  contains "No changes."
  lacks "problem:"
  run 0 "$KILTER" drift "$specs"
  lacks "problem:"
  run 0 "$KILTER" probe "$specs"
  contains 'ok   health.check "shop" @ box  median '
  contains 'ok   health.check "cert" @ box  median '
  contains "Probe: 4 healthy, 0 failing, 0 errors."
  run 0 "$KILTER" probe "$specs" --format json
  python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["summary"]=={"healthy":4,"failing":0,"errors":0}, r["summary"]; assert all(len(c["samples"])==5 for c in r["checks"])' < <(sed -n '/^{/,$p' <<<"$out") \
    || fail "probe --format json does not report 4 healthy checks of 5 samples"
  # Over SSH, curl ran on the remote side: in the estate sshd's session.
  ran_in=$(awk '{print $4}' "$work/curl-ran-in" | sort -u)
  if [ "$transport" = ssh ]; then
    [ "$ran_in" = "$SSH_PORT" ] || fail "over SSH, curl ran outside the sshd session: $ran_in"
  else
    [ "$ran_in" != "$SSH_PORT" ] || fail "locally, curl ran in the estate sshd's session"
  fi

  echo "== $transport: slow is drift with its latencies; apply changes nothing"
  cat >> "$specs/health.kilt" <<KILT

health.check "slow" on box {
  http        = "http://127.0.0.1:$http_port/slow"
  max_latency = 100ms
  samples     = 3
}
KILT
  run 2 "$KILTER" drift "$specs"
  contains '! health.check "slow" @ box'
  grep -qE "problem: http://127.0.0.1:$http_port/slow is slow: median [0-9]{3,} ms, worst [0-9]{3,} ms over 3 samples, target 100 ms" <<<"$out" \
    || { printf '%s\n' "$out" >&2; fail "drift does not show the slow check's latencies"; }
  lacks 'health.check "shop" @ box'
  run 2 "$KILTER" probe "$specs"
  contains 'FAIL health.check "slow" @ box  median '
  contains "Probe: 4 healthy, 1 failing, 0 errors."
  run 0 "$KILTER" apply "$specs" --auto-approve
  contains 'health.check "slow" @ box'
  contains "Plan: 0 to create, 0 to update, 0 to replace, 0 to delete. 1 problem."
  run 0 "$KILTER" plan "$specs" -o "$work/plan.json"
  contains "1 problem."
  run 0 "$KILTER" apply "$work/plan.json"
  lacks "stale"

  echo "== $transport: an https URL is verified against ca_file, else the host's store"
  healthy
  cat >> "$specs/health.kilt" <<KILT

health.check "https-private-ca" on box {
  http        = "https://127.0.0.1:$https_port/"
  ca_file     = "$tls/ca.pem"
  expect_body = "s_server"
  samples     = 2
}

health.check "https-host-store" on box {
  http    = "https://127.0.0.1:$https_port/"
  samples = 2
}
KILT
  run 0 "$KILTER" check "$specs"
  run 2 "$KILTER" probe "$specs"
  contains 'ok   health.check "https-private-ca" @ box  median '
  contains 'FAIL health.check "https-host-store" @ box'
  contains "SSL certificate problem: unable to get local issuer certificate"
  contains "Probe: 5 healthy, 1 failing, 0 errors."

  echo "== $transport: wrong status, wrong body, closed port, TLS name mismatch"
  healthy
  cat >> "$specs/health.kilt" <<KILT

health.check "down" on box {
  http    = "http://127.0.0.1:$http_port/down"
  samples = 2
}

health.check "wrong-body" on box {
  http        = "http://127.0.0.1:$http_port/wrong"
  expect_body = "ok"
  samples     = 2
}

health.check "closed" on box {
  tcp     = "127.0.0.1:$closed_port"
  samples = 2
}

health.check "mismatch" on box {
  tls         = "127.0.0.1:$tls_port"
  server_name = "shop.example"
  ca_file     = "$tls/ca.pem"
  samples     = 2
}
KILT
  run 2 "$KILTER" drift "$specs"
  contains "! health.check \"down\" @ box"
  contains "problem: http://127.0.0.1:$http_port/down: answered 503, expected 200 (2 samples)"
  contains "! health.check \"wrong-body\" @ box"
  contains "problem: http://127.0.0.1:$http_port/wrong: the body does not contain \"ok\"; it begins \"maintenance \""
  contains "! health.check \"closed\" @ box"
  contains "problem: tcp 127.0.0.1:$closed_port: 2 samples failed: connect: Connection refused"
  contains "! health.check \"mismatch\" @ box"
  contains "problem: tls 127.0.0.1:$tls_port as shop.example: 2 samples failed: certificate verify failed: hostname mismatch"
  contains "4 problems."
  run 2 "$KILTER" probe "$specs" --host box
  contains "Probe: 4 healthy, 4 failing, 0 errors."
  run 0 "$KILTER" plan "$specs"
  contains "problem: tcp 127.0.0.1:$closed_port"
done

echo "== a missing tool is an error naming host, resource and tool"
inventory local
healthy
cat >> "$specs/kilter.toml" <<TOML

[providers."health.check"]
curl = "$work/no-such-curl"
TOML
run 1 "$KILTER" probe "$specs"
contains "box: health.check \"shop\" @ box: the probe failed (exit 127): curl ($work/no-such-curl) is not installed on this host"
echo "health e2e: ok"

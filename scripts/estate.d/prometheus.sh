#!/usr/bin/env bash
# scripts/estate.d/prometheus.sh up|down|status
#
# The metrics pipeline of a nightly drift: prometheus-node-exporter on
# 127.0.0.1:$((ESTATE_PORT_BASE+100)) with only its textfile collector, reading
# $ESTATE_DIR/prometheus/textfile (where `kilter drift --textfile` writes), and
# a Prometheus on 127.0.0.1:$((ESTATE_PORT_BASE+101)) with its own config and
# storage, scraping the exporter every second. Writes $ESTATE_DIR/prometheus.env:
#   PROMETHEUS_URL, NODE_EXPORTER_URL, TEXTFILE_DIR
# Stops only the processes it started (pid files).
set -euo pipefail

action=${1:?usage: prometheus.sh up|down|status}
: "${ESTATE_DIR:?}" "${ESTATE_PORT_BASE:?}"
dir=$ESTATE_DIR/prometheus
exporter_port=$((ESTATE_PORT_BASE + 100))
prometheus_port=$((ESTATE_PORT_BASE + 101))
envfile=$ESTATE_DIR/prometheus.env

# A killed daemon stays a zombie until PID 1 reaps it (which may be never).
alive() { [ -r "/proc/$1/stat" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]; }

# running_pid NAME COMM: the pid in $dir/NAME.pid when that process is alive and is COMM.
running_pid() {
  local pidfile=$dir/$1.pid pid
  [ -s "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || return 1
  echo "$pid"
}

stop_one() {
  local pid
  if pid=$(running_pid "$1" "$2"); then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then kill -KILL "$pid"; fi
  fi
}

stop() {
  stop_one prometheus prometheus
  stop_one node-exporter prometheus-node
  rm -rf "$dir" "$envfile"
}

# wait_ready NAME URL LOG: fails loudly with the log when URL does not answer in 30s.
wait_ready() {
  for _ in $(seq 1 300); do
    curl -fsS "$2" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "estate prometheus: $1 did not answer on $2" >&2
  tail -n 20 "$3" >&2 || true
  exit 1
}

up() {
  for bin in prometheus prometheus-node-exporter curl; do
    command -v "$bin" >/dev/null ||
      { echo "estate prometheus: $bin not found (scripts/setup installs it)" >&2; exit 1; }
  done
  stop
  mkdir -p "$dir/textfile" "$dir/data"
  setsid prometheus-node-exporter --web.listen-address="127.0.0.1:$exporter_port" \
    --collector.disable-defaults --collector.textfile \
    --collector.textfile.directory="$dir/textfile" \
    > "$dir/node-exporter.log" 2>&1 < /dev/null &
  echo $! > "$dir/node-exporter.pid"
  wait_ready node-exporter "http://127.0.0.1:$exporter_port/metrics" "$dir/node-exporter.log"
  cat > "$dir/prometheus.yml" <<YAML
# The test estate's Prometheus (scripts/estate.d/prometheus.sh).
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ["127.0.0.1:$exporter_port"]
YAML
  setsid prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --web.listen-address="127.0.0.1:$prometheus_port" \
    > "$dir/prometheus.log" 2>&1 < /dev/null &
  echo $! > "$dir/prometheus.pid"
  wait_ready prometheus "http://127.0.0.1:$prometheus_port/-/ready" "$dir/prometheus.log"
  cat > "$envfile" <<ENV
PROMETHEUS_URL=http://127.0.0.1:$prometheus_port
NODE_EXPORTER_URL=http://127.0.0.1:$exporter_port
TEXTFILE_DIR=$dir/textfile
ENV
  echo "estate prometheus: node-exporter on 127.0.0.1:$exporter_port, prometheus on 127.0.0.1:$prometheus_port"
}

case "$action" in
  up) up ;;
  down) stop ;;
  status)
    if running_pid prometheus prometheus >/dev/null && running_pid node-exporter prometheus-node >/dev/null; then
      echo "estate prometheus: up (127.0.0.1:$exporter_port, 127.0.0.1:$prometheus_port)"
    else
      echo "estate prometheus: down"
      exit 1
    fi
    ;;
  *) echo "usage: prometheus.sh up|down|status" >&2; exit 1 ;;
esac

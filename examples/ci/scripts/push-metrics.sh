#!/usr/bin/env bash
# push-metrics.sh: sends the merged drift metrics, $KILTER_OUT/drift.prom
# (merge.sh drift), to the Prometheus Pushgateway at $KILTER_PUSHGATEWAY_URL,
# replacing the group job="kilter-drift" (PUT), so Prometheus scrapes the
# last night's run until the next one. Without the URL it says so and does
# nothing: the metrics are still kept with the run's artifacts.
. "$(dirname "$0")/lib.sh"
metrics=$KILTER_OUT/drift.prom
[ -s "$metrics" ] || die "no $metrics: run merge.sh drift first"
if [ -z "${KILTER_PUSHGATEWAY_URL:-}" ]; then
  echo "kilter-ci: KILTER_PUSHGATEWAY_URL is not set; the metrics stay in $metrics"
  exit 0
fi
curl --fail --silent --show-error -X PUT --data-binary "@$metrics" \
  -H 'Content-Type: text/plain; version=0.0.4' \
  "${KILTER_PUSHGATEWAY_URL%/}/metrics/job/kilter-drift"
echo "kilter-ci: pushed $metrics to $KILTER_PUSHGATEWAY_URL"

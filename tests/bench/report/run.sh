#!/usr/bin/env bash
# Report benchmark: `kilter report html` of a 200-host estate with 50
# resources each and a 90-night run log (generate.py: one drift line per
# night of 10,000 resources, about 1 % drifted, a health check's latency and
# a backup's age per host). Times it with hyperfine (compile of the specs
# included) and prints the size of the log and of the page.
#
#   tests/bench/report/run.sh [HOSTS] [RESOURCES] [DAYS]    (default 200 50 90;
#                                BUILD_DIR defaults to build, KILTER to $BUILD_DIR/kilter)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=$(realpath -m "${BUILD_DIR:-$root/build}")
kilter=${KILTER:-$build/kilter}
[ -x "$kilter" ] || { echo "bench: build kilter first (scripts/build)" >&2; exit 1; }
command -v hyperfine > /dev/null || { echo "bench: hyperfine is missing (scripts/setup)" >&2; exit 1; }
hosts=${1:-200} resources=${2:-50} days=${3:-90}
dir=$build/bench-report/$hosts-$resources-$days
if [ ! -f "$dir/run.log" ]; then
  echo "generating $dir"
  python3 "$root/tests/bench/report/generate.py" "$dir" "$hosts" "$resources" "$days"
fi
"$kilter" report html "$dir/site" --log "$dir/run.log" "$dir/specs"
hyperfine --warmup 1 --runs 5 \
  "'$kilter' report html '$dir/site' --log '$dir/run.log' '$dir/specs'"
/usr/bin/time -f 'peak memory: %M KiB' "$kilter" report html "$dir/site" --log "$dir/run.log" \
  "$dir/specs" > /dev/null
echo "run log: $(stat -c %s "$dir/run.log") bytes, $(wc -l < "$dir/run.log") lines"
echo "page:    $(stat -c %s "$dir/site/index.html") bytes ($dir/site/index.html)"

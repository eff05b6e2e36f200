#!/usr/bin/env bash
# An apply killed with SIGKILL at random points (over $E2E_TRANSPORT, local or
# ssh) never leaves a half-written file: after each of 25 kills every managed
# file holds exactly the old or the new content; then a rerun takes over the
# dead run's lock and converges (apply exits 0, plan is empty, no temporary
# file of a killed write is left).
. "$(dirname "$0")/lib.sh"
inventory "${E2E_TRANSPORT:-local}"
files=8
tries=${KILL_TRIES:-25}

# Content big enough that writes take a while: version V of file I.
content() { awk -v v="$1" -v i="$2" 'BEGIN { for (n = 0; n < 4000; n++) printf "v%s file %s line %d\\n", v, i, n }'; }
specs_for() {
  for i in $(seq 1 $files); do file_spec "f$i" "$(content "$1" "$i")"; done
}
expect_sum() { content "$1" "$2" | sed 's/\\n/\n/g' | sha256sum | cut -d' ' -f1; }

declare -A sum
for v in 0 1; do for i in $(seq 1 $files); do sum[$v.$i]=$(expect_sum $v "$i"); done; done

# Kill anywhere in a whole apply: measure one first (it also creates the files).
specs_for 1
start=$(date +%s%N)
run 0 "$KILTER" apply "$specs" --auto-approve
span=$(( ($(date +%s%N) - start) / 1000000 + 1 ))
echo "one apply takes ${span} ms"

for try in $(seq 1 "$tries"); do
  v=$((try % 2))
  specs_for $v
  "$KILTER" apply "$specs" --auto-approve >/dev/null 2>&1 &
  pid=$!
  delay=$((RANDOM % span))
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for i in $(seq 1 $files); do
    f=$root/f$i
    [ -e "$f" ] || continue
    got=$(sha256sum "$f" | cut -d' ' -f1)
    [ "$got" = "${sum[0.$i]}" ] || [ "$got" = "${sum[1.$i]}" ] \
      || fail "try $try (killed after ${delay} ms): $f is neither the old nor the new content"
  done
  echo "try $try: killed after ${delay} ms, every file whole"
done

run 0 "$KILTER" apply "$specs" --auto-approve
run 0 "$KILTER" plan "$specs"
contains 'No changes.'
for i in $(seq 1 $files); do
  [ "$(sha256sum "$root/f$i" | cut -d' ' -f1)" = "${sum[$v.$i]}" ] || fail "f$i did not converge"
done
leftover=$(find "$root" -name '.*.kilter-*')
[ -z "$leftover" ] || fail "temporary files left after the rerun: $leftover"
echo "PASS"

#!/usr/bin/env bash
# Regenerates the golden Dubbo frames in packages/protocol/test/fixtures/golden with Dubbo's own
# codec, once per Dubbo version (see GoldenMain.java and that folder's README.md). Deterministic:
# running it again rewrites the same bytes.
set -euo pipefail
cd "$(dirname "$0")"
./build.sh
out="$(cd ../.. && pwd)/packages/protocol/test/fixtures/golden"
mkdir -p "$out"
for m in dubbo27 dubbo33; do
  java $(cat jvm-options.txt) -cp "$(cat "$m/target/runtime-classpath.txt")" com.jd.interop.dubbo.GoldenMain --out "$out" >/dev/null
done
echo "golden frames written to $out: $(ls "$out" | grep -c '\.bin$') .bin files"

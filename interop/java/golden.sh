#!/usr/bin/env bash
# Regenerates the golden Dubbo frames in packages/protocol/test/fixtures/golden, once per Dubbo
# version (see that folder's README.md): GoldenMain encodes frames with Dubbo's own codec
# (deterministic: a rerun rewrites the same bytes), CaptureMain records real consumer -> provider
# traffic through a TCP relay (captured-*: request ids, ports and stack traces differ per run).
set -euo pipefail
cd "$(dirname "$0")"
./build.sh
out="$(cd ../.. && pwd)/packages/protocol/test/fixtures/golden"
mkdir -p "$out"
for m in dubbo27 dubbo33; do
  cp="$(cat "$m/target/runtime-classpath.txt")"
  java $(cat jvm-options.txt) -cp "$cp" com.jd.interop.dubbo.GoldenMain --out "$out" >/dev/null
  java $(cat jvm-options.txt) -cp "$cp" com.jd.interop.dubbo.CaptureMain --out "$out" >/dev/null 2>"$m/target/capture.log" ||
    { cat "$m/target/capture.log" >&2; exit 1; }
done
echo "golden frames written to $out: $(ls "$out" | grep -c '\.bin$') .bin files"

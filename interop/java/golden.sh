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
# GoldenMain uses the Apache codec API (2.7, 3.3); CaptureMain exists for every module, 2.6 included.
for m in dubbo27 dubbo33 dubbo26; do
  cp="$(cat "$m/target/runtime-classpath.txt")"
  if [ "$m" != dubbo26 ]; then
    java $(cat jvm-options.txt) -cp "$cp" com.jd.interop.dubbo.GoldenMain --out "$out" >/dev/null
  fi
  java $(cat jvm-options.txt) -cp "$cp" com.jd.interop.dubbo.CaptureMain --out "$out" >/dev/null 2>"$m/target/capture.log" ||
    { cat "$m/target/capture.log" >&2; exit 1; }
done
echo "golden frames written to $out: $(ls "$out" | grep -c '\.bin$') .bin files"

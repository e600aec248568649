#!/usr/bin/env bash
# Builds interop/java/tracing33 and writes target/runtime-classpath.txt (classes + jars in ~/.m2).
# Idempotent (skips when pom.xml, the sources and this script are unchanged); safe in parallel.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p target
exec 9>target/.build.lock
flock 9
stamp=$(find . -path ./target -prune -o -type f \( -name '*.java' -o -name pom.xml -o -name build.sh \) -print | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
if [ -f target/build.stamp ] && [ "$(cat target/build.stamp)" = "$stamp" ] && [ -s target/runtime-classpath.txt ]; then
  exit 0
fi
if ! mvn -B -q -Dstyle.color=never compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=runtime >target/maven.log 2>&1; then
  cat target/maven.log >&2
  echo "interop/java/tracing33: Maven build failed (log above)" >&2
  exit 1
fi
printf '%s:%s\n' "$PWD/target/classes" "$(cat target/classpath.txt)" > target/runtime-classpath.txt
echo "$stamp" > target/build.stamp

#!/usr/bin/env bash
# Builds the Java side of the interop suite (a test fixture; see README.md) and writes, per version
# module, target/runtime-classpath.txt: the module's classes plus its jars in ~/.m2 (the local Maven
# cache, reused across runs). Idempotent: when no source, pom or this script changed since the last
# successful build it returns at once. Safe to call from several processes at the same time.
#
#   interop/java/build.sh           build if needed
#   interop/java/build.sh --force   build anyway
#
# Needs java 17+ and mvn on PATH, and Maven Central (or an ~/.m2 that already holds the artifacts).
set -euo pipefail
cd "$(dirname "$0")"
MODULES=(contract dubbo27 dubbo33 dubbo26 triple33)
RUNNABLE=(dubbo27 dubbo33 dubbo26 triple33)

mkdir -p target
exec 9>target/.build.lock
flock 9

fingerprint() {
  {
    find . -path '*/target' -prune -o -type f \( -name '*.java' -o -name '*.proto' -o -name 'pom.xml' -o -name '*.properties' -o -name 'build.sh' \) -print |
      LC_ALL=C sort | xargs sha256sum
    # triple33 compiles the Greeter .proto that packages/triple's tests share.
    sha256sum ../../packages/triple/test/fixtures/*.proto
    java -version 2>&1
  } | sha256sum | cut -d' ' -f1
}

up_to_date() {
  [ "${1:-}" != "--force" ] || return 1
  [ -f target/build.stamp ] && [ "$(cat target/build.stamp)" = "$(fingerprint)" ] || return 1
  for m in "${RUNNABLE[@]}"; do [ -s "$m/target/runtime-classpath.txt" ] || return 1; done
}

if up_to_date "${1:-}"; then
  echo "interop/java: up to date"
  exit 0
fi

start=$(date +%s)
echo "interop/java: building ${MODULES[*]} with Maven…"
if ! mvn -B -q -Dstyle.color=never compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime -Dmdep.excludeTypes=pom \
  >target/maven.log 2>&1; then
  cat target/maven.log >&2
  echo "interop/java: Maven build failed (log above, also in interop/java/target/maven.log)" >&2
  exit 1
fi
for m in "${RUNNABLE[@]}"; do
  printf '%s:%s\n' "$PWD/$m/target/classes" "$(cat "$m/target/classpath.txt")" > "$m/target/runtime-classpath.txt"
done
fingerprint > target/build.stamp
echo "interop/java: built in $(( $(date +%s) - start ))s"

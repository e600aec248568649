#!/usr/bin/env bash
# Builds the Java benchmark agents and writes target/runtime-classpath.txt (classes + the jars in
# ~/.m2). Does nothing when the sources, ../proto, pom and this script are unchanged since the last build.
#
#   bench/java/build.sh [--force]
#
# Needs java 17+ and mvn; Maven Central or an ~/.m2 that already holds Dubbo 3.3.6.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p target
exec 9>target/.build.lock
flock 9

stamp() {
  { find src ../proto pom.xml build.sh -type f | LC_ALL=C sort | xargs sha256sum; java -version 2>&1; } | sha256sum | cut -d' ' -f1
}

if [ "${1:-}" != "--force" ] && [ -s target/runtime-classpath.txt ] && [ -f target/build.stamp ] &&
  [ "$(cat target/build.stamp)" = "$(stamp)" ]; then
  exit 0
fi
offline=()
# Offline only when ~/.m2 has everything: Dubbo, and protoc + dubbo-compiler for the Triple IDL stubs.
m2="$HOME/.m2/repository"
if [ -d "$m2/org/apache/dubbo/dubbo/3.3.6" ] && [ -d "$m2/com/google/protobuf/protoc/3.25.8" ] &&
  [ -d "$m2/org/apache/dubbo/dubbo-compiler/3.3.5" ] && [ -d "$m2/org/xolstice/maven/plugins/protobuf-maven-plugin/0.6.1" ]; then
  offline=(-o)
fi
mvn -B -q "${offline[@]}" -Dstyle.color=never compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime -Dmdep.excludeTypes=pom
printf '%s:%s\n' "$PWD/target/classes" "$(cat target/classpath.txt)" > target/runtime-classpath.txt
stamp > target/build.stamp

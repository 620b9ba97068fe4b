#!/usr/bin/env bash
# Builds the native executable and runs PackagedAppIT against it, to see native-image breakage
# (build-time initialisation, missing reflection/resource registrations) before it lands.
# Not part of .ci/run: the build takes 7-15 minutes and about 10 GB of memory on 2 cores.
#
#   src/bench/native-check.sh            # build + IT against the native executable
#   NATIVE_OPT=-Ob src/bench/native-check.sh   # quick-build optimisation level (faster, slower binary)
#
# Needs a GraalVM/Mandrel 25 at GRAALVM_HOME, or the probe toolchain (../shared/native-probe/setup.sh,
# which creates /tmp/native-probe/graalvm-home). Shipping images are built by docker/Dockerfile.native
# with Mandrel; the probe's executable only runs on the machine that built it.
set -euo pipefail
cd "$(dirname "$0")/../.."

PROBE_HOME=/tmp/native-probe/graalvm-home
GRAALVM_HOME=${GRAALVM_HOME:-}
if [ -z "$GRAALVM_HOME" ] && [ -x "$PROBE_HOME/bin/native-image" ]; then
  GRAALVM_HOME=$PROBE_HOME
fi
if [ -z "$GRAALVM_HOME" ] || [ ! -x "$GRAALVM_HOME/bin/native-image" ]; then
  cat >&2 <<'MSG'
native-check: no native-image toolchain.
  GraalVM/Mandrel cannot be installed on our build machines; build the stand-in once (about a minute,
  everything from Maven Central, under /tmp/native-probe):
      ../shared/native-probe/setup.sh
  then run this script again (it finds /tmp/native-probe/graalvm-home), or set GRAALVM_HOME to a
  real GraalVM/Mandrel 25. See ../shared/native-probe/README.md and the README's "Native image".
MSG
  exit 2
fi
export GRAALVM_HOME
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

# No workaround flags: whatever the build or the IT needs must be fixed in the code.
args=(-B verify -Dnative -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false)
if [ -n "${NATIVE_OPT:-}" ]; then
  args+=("-Dquarkus.native.additional-build-args=$NATIVE_OPT")
fi
echo "native-check: $GRAALVM_HOME/bin/native-image: $("$GRAALVM_HOME/bin/native-image" --version | head -1)"
start=$(date +%s)
nice -n 10 ./mvnw "${args[@]}" "$@"
runner=$(ls target/*-runner)
echo "native-check: OK in $(( $(date +%s) - start )) s; $runner is $(( $(stat -c %s "$runner") / 1024 / 1024 )) MiB"

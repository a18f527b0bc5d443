#!/bin/sh
# A third-party plugin built the way its author would build it (issue #17, "Plugins built outside
# the tree"): the example plugin's standalone pom is copied to a directory outside the repository,
# built there by Maven offline against ptreplay's SPI and testkit, and the jar it makes is loaded
# by the real ./ptreplay launcher and replayed next to a built-in strategy.
#
# Maven runs it at integration-test, from the repository root, after the launcher smoke test.
# The plugin project and a private local repository live in a temporary directory outside the
# repository (removed at exit), so Maven finds no parent pom and no .mvn directory above the
# project. The SPI and testkit come from this reactor's jars, laid out in the private repository:
# nothing is written into the user's repository, which is only read, as Maven 3.9's read-only tail
# (maven.repo.local.tail), for the plugins and JUnit the main build already fetched. Logs and the
# replay's output stay in WORK_DIR.
#
# usage: standalone-plugin.sh MAVEN_HOME USER_REPO VERSION TRACE_FORMAT_JAR SPI_JAR TESTKIT_JAR WORK_DIR
set -eu

maven_home=$1
user_repo=$2
version=$3
trace_format_jar=$4
spi_jar=$5
testkit_jar=$6
work=$7

fail() {
    echo "standalone plugin test FAILED: $*" >&2
    exit 1
}

# The Maven running this build (the wrapper's, under ./mvnw): the test needs no other.
mvn="$maven_home/bin/mvn"
if ! "$mvn" --version >/dev/null 2>&1; then
    echo "standalone plugin test SKIPPED: '$mvn --version' does not run, so no plugin can be built"
    exit 0
fi

rm -rf "$work"
mkdir -p "$work/plugins"
outside=$(mktemp -d "${TMPDIR:-/tmp}/ptreplay-standalone-plugin.XXXXXX")
trap 'rm -rf "$outside"' EXIT
repo="$outside/repository"
plugin="$outside/folio-cache-plugin"

# An artifact in the Maven 2 layout: what 'mvn install' would write, minus the metadata that
# offline resolution of a locally built snapshot does not need.
put() { # ARTIFACT_ID JAR_OR_EMPTY POM
    dir="$repo/org/ptreplay/$1/$version"
    mkdir -p "$dir"
    [ -z "$2" ] || cp "$2" "$dir/$1-$version.jar"
    cp "$3" "$dir/$1-$version.pom"
}
put ptreplay-parent "" pom.xml
put ptreplay-trace-format "$trace_format_jar" trace-format/pom.xml
put ptreplay-spi "$spi_jar" spi/pom.xml
put ptreplay-testkit "$testkit_jar" testkit/pom.xml

# The plugin project as its author has it: the pom and the sources, no parent directory to lean on.
mkdir -p "$plugin"
cp examples/strategy-plugin/pom.xml "$plugin/"
cp -R examples/strategy-plugin/src "$plugin/"

# Any file that appears under the user's repository during the build would be a write into it.
marker="$work/before-build"
touch "$marker"
"$mvn" -o -B -ntp -f "$plugin/pom.xml" -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$user_repo" \
    verify >"$work/build.log" 2>&1 \
    || fail "the standalone build of the example plugin failed (Maven's log: $work/build.log)"
written=$(find "$user_repo" -newer "$marker" -type f -print 2>/dev/null | head -n 1)
[ -z "$written" ] || fail "the standalone build wrote into the user's repository: $written"
grep -q "Tests run: [1-9][0-9]*, Failures: 0, Errors: 0" "$work/build.log" \
    || fail "the standalone build ran none of the plugin's tests (Maven's log: $work/build.log)"

jar="$plugin/target/ptreplay-example-strategy-plugin-1.0.0.jar"
[ -f "$jar" ] || fail "the standalone build made no $jar"
cp "$jar" "$work/plugins/"

# The plugin's strategy next to the built-in it varies, on move1m.ptrace (1 MiB of order-0 pages
# written, then moved): 256 entries move in either cell. With order-0 folios on x86 no entry starts
# a contpte run, so the 6.17 hint gate never looks a folio up and the plugin's cache never hits:
# both cells must count exactly the same mremap work.
PTREPLAY_SKIP_BUILD=1 ./ptreplay replay tools/src/it/move1m.ptrace --plugin-path "$work/plugins" \
    --strategy linux-6.17,linux-6.17+move-ptes/folio-cache --csv >"$work/replay.csv" 2>"$work/replay.err" \
    || fail "'ptreplay replay' with the plugin exited with $? (stderr: $(cat "$work/replay.err"))"

# CSV columns: cell,arch,strategy,profile,syscall,calls,syscall_sim_ps,primitive,count,primitive_ps
mremap_counts() { # STRATEGY: "PRIMITIVE COUNT" per line
    awk -F, -v s="$1" '$3 == s && $5 == "mremap" { print $8, $9 }' "$work/replay.csv"
}
mremap_counts linux-6.17 >"$work/builtin.counts"
mremap_counts linux-6.17+move-ptes/folio-cache >"$work/plugin.counts"
[ -s "$work/plugin.counts" ] || fail "the plugin's cell has no mremap rows (output in $work/replay.csv)"
grep -qx "PTE_XCHG 256" "$work/plugin.counts" \
    || fail "the plugin's cell did not clear 256 entries (PTE_XCHG; output in $work/replay.csv)"
cmp -s "$work/builtin.counts" "$work/plugin.counts" \
    || fail "the plugin's mremap counts differ from linux-6.17's for order-0 pages ($work/builtin.counts, $work/plugin.counts)"

echo "standalone plugin test passed: the example plugin built offline outside the repository against" \
    "ptreplay $version's SPI and testkit, and replayed move1m.ptrace with the counts of linux-6.17"

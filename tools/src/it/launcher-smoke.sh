#!/bin/sh
# Smoke test of the real ./ptreplay launcher on the real module path, outside surefire (which
# opens every package and would hide a missing 'requires' or 'opens'). Maven runs it at
# integration-test, from the repository root, after 'package' has assembled tools/target/ptreplay/lib.
#
# usage: launcher-smoke.sh EXAMPLE_PLUGIN_JAR WORK_DIR
set -eu

example_jar=$1
work=$2

fail() {
    echo "launcher smoke test FAILED: $*" >&2
    exit 1
}

# Whether the pretty-printed 'plugins --json' output in $1 has a provider of kind $2 named $3
# with status $4. Keys are sorted, so "kind", "name" and "status" come in that order.
has_provider() {
    awk -v kind="\"$2\"," -v name="\"$3\"," -v status="\"$4\"," '
        /^ *"kind": /   { k = $2 }
        /^ *"name": /   { n = $2 }
        /^ *"status": / { s = $0; sub(/^ *"status": /, "", s) }
        /^ *},?$/       { if (k == kind && n == name && s == status) found = 1; k = n = s = "" }
        END             { exit !found }' "$1"
}

rm -rf "$work"
mkdir -p "$work/plugins"

# 1. The built-ins, through service binding on the module path.
PTREPLAY_SKIP_BUILD=1 ./ptreplay plugins --json >"$work/plugins.json" 2>"$work/plugins.err" \
    || fail "'ptreplay plugins --json' exited with $? (stderr: $(cat "$work/plugins.err"))"
[ ! -s "$work/plugins.err" ] || fail "'ptreplay plugins --json' wrote to stderr: $(cat "$work/plugins.err")"
for arch in x86 arm64; do
    { has_provider "$work/plugins.json" architecture "$arch" "ok" \
        || has_provider "$work/plugins.json" architecture "$arch" "not implemented"; } \
        || fail "'ptreplay plugins --json' does not list the $arch architecture as ok or not implemented (output in $work/plugins.json)"
done

# 2. A plugin directory with the example plugin and a corrupt jar: the example loads, the
#    corrupt jar is reported, and that is not an error.
cp "$example_jar" "$work/plugins/"
printf 'this is not a zip file' >"$work/plugins/corrupt.jar"
PTREPLAY_SKIP_BUILD=1 ./ptreplay plugins --json --plugin-path "$work/plugins" >"$work/with-plugins.json" \
    || fail "'ptreplay plugins --plugin-path' exited with $? for a corrupt jar"
has_provider "$work/with-plugins.json" strategy move-ptes/folio-cache ok \
    || fail "the example plugin is not listed as ok (output in $work/with-plugins.json)"
grep -q "\"jar\": \"$work/plugins/corrupt.jar\"" "$work/with-plugins.json" \
    || fail "the corrupt jar is not listed as broken (output in $work/with-plugins.json)"

# 3. The built-in workload generators (provided by the tools module itself) write a trace.
PTREPLAY_SKIP_BUILD=1 ./ptreplay generate jain-mremap --param iterations=2 -o "$work/jain.trace" \
    >"$work/generate.out" 2>"$work/generate.err" \
    || fail "'ptreplay generate jain-mremap' exited with $? (stderr: $(cat "$work/generate.err"))"
grep -q "^wrote 8 events to " "$work/generate.out" \
    || fail "'ptreplay generate jain-mremap' did not write 8 events (output in $work/generate.out)"

# 4. A replay on the real module path: the engine, the built-in arch, strategies and profiles.
#    move1m.ptrace: the events of Traces.move1m() in the tools tests (1 MiB mapped, written, moved
#    with MREMAP_FIXED, unmapped; exit), written with TraceWriter in zstd.
PTREPLAY_SKIP_BUILD=1 ./ptreplay replay tools/src/it/move1m.ptrace --json >"$work/replay.json" 2>"$work/replay.err" \
    || fail "'ptreplay replay --json' exited with $? (stderr: $(cat "$work/replay.err"))"
grep -q '"cells"' "$work/replay.json" || fail "'ptreplay replay --json' printed no cells (output in $work/replay.json)"

# 5. The trace commands on the real module path: import a compressed perf recording (FileSniffer,
#    the xz codec, the importer), then summary and check (the VMA replay on the built-in arch).
PTREPLAY_SKIP_BUILD=1 ./ptreplay convert examples/traces/python-bytearray.perf.xz "$work/py.ptrace" \
    >"$work/convert.out" 2>"$work/convert.err" \
    || fail "'ptreplay convert' exited with $? (stderr: $(cat "$work/convert.err"))"
PTREPLAY_SKIP_BUILD=1 ./ptreplay summary --json "$work/py.ptrace" >"$work/summary.json" 2>"$work/summary.err" \
    || fail "'ptreplay summary --json' exited with $? (stderr: $(cat "$work/summary.err"))"
grep -q '"touch": 1[0-9]\{4\}' "$work/summary.json" \
    || fail "'ptreplay summary --json' shows no touches of the 64 MiB buffer (output in $work/summary.json)"
PTREPLAY_SKIP_BUILD=1 ./ptreplay check "$work/py.ptrace" >"$work/check.out" 2>"$work/check.err" \
    || fail "'ptreplay check' exited with $? (output in $work/check.out, stderr: $(cat "$work/check.err"))"

# 6. The demo, the README's first command: it exits 0 and tells its three stories.
PTREPLAY_SKIP_BUILD=1 ./ptreplay demo >"$work/demo.out" 2>"$work/demo.err" \
    || fail "'ptreplay demo' exited with $? (stderr: $(cat "$work/demo.err"))"
for story in "1. The x86 bigheap regression" "2. The arm64 64K-folio mremap speed-up" "3. Moving page tables"; do
    grep -q "^$story" "$work/demo.out" || fail "'ptreplay demo' did not print the story '$story' (output in $work/demo.out)"
done

# 7. PTREPLAY_JAVA_OPTS reaches the JVM: with -version the JVM prints its version and never starts
#    the CLI.
PTREPLAY_SKIP_BUILD=1 PTREPLAY_JAVA_OPTS="-Xms8m -version" ./ptreplay plugins >"$work/opts.out" 2>&1 \
    || fail "'ptreplay' with PTREPLAY_JAVA_OPTS exited with $?"
grep -q 'version "' "$work/opts.out" && ! grep -q 'architecture' "$work/opts.out" \
    || fail "PTREPLAY_JAVA_OPTS did not reach the JVM (output in $work/opts.out)"

# 8. The build wrote a man page for every command 'ptreplay --help' lists, and the completion script.
share=tools/target/ptreplay/share
PTREPLAY_SKIP_BUILD=1 ./ptreplay --help >"$work/help.out" || fail "'ptreplay --help' exited with $?"
commands=$(sed -n '/^Commands:/,$ s/^  \([a-z][a-z-]*\) .*/\1/p' "$work/help.out")
[ -n "$commands" ] || fail "'ptreplay --help' lists no commands (output in $work/help.out)"
[ -f "$share/man/man1/ptreplay.1" ] || fail "the build wrote no $share/man/man1/ptreplay.1"
for command in $commands; do
    grep -q "^ptreplay\\\\-$command " "$share/man/man1/ptreplay-$command.1" 2>/dev/null \
        || fail "no man page names '$command' ($share/man/man1/ptreplay-$command.1)"
    grep -q "^function _picocli_ptreplay_$command()" "$share/bash-completion/completions/ptreplay" \
        || fail "the completion script in $share/bash-completion/completions has no function for '$command'"
done

# 9. The warm start: the first run above wrote this build's class-data archive, later runs map
#    ptreplay's classes from it, and an archive the JVM cannot use (here: garbage) is ignored,
#    never an error and never a word on stdout or stderr.
set -- tools/target/ptreplay/cds/ptreplay-*.jsa
[ -f "$1" ] || fail "no class-data archive in tools/target/ptreplay/cds after the runs above"
archive=$1
PTREPLAY_SKIP_BUILD=1 PTREPLAY_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.log" ./ptreplay --version >/dev/null \
    || fail "'ptreplay --version' with the archive exited with $?"
grep -q 'org.ptreplay.tools.Main source: shared objects file' "$work/classes.log" \
    || fail "the JVM did not map ptreplay's classes from $archive (class loading in $work/classes.log)"
mv "$archive" "$work/archive.jsa"
printf 'not an archive' >"$archive"
PTREPLAY_SKIP_BUILD=1 ./ptreplay --version >"$work/garbage.out" 2>"$work/garbage.err" \
    || fail "'ptreplay --version' with a garbage archive exited with $? (stderr: $(cat "$work/garbage.err"))"
mv -f "$work/archive.jsa" "$archive"
[ ! -s "$work/garbage.err" ] && grep -q '^ptreplay ' "$work/garbage.out" \
    || fail "'ptreplay --version' with a garbage archive printed $(cat "$work/garbage.out" "$work/garbage.err")"

echo "launcher smoke test passed: x86 and arm64 listed; example plugin ok; corrupt jar reported; jain-mremap generated; replay ran; perf recording converted, summarized and checked; demo told its three stories; PTREPLAY_JAVA_OPTS passed; man pages and completion for every command; class-data archive written, mapped, and a garbage one ignored"

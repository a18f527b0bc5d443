#!/bin/sh
# kernel_text.sh: the text size of kernel functions on the running kernel, from /proc/kallsyms
# (needs root, or kptr_restrict=0, for real addresses). A function's size is the distance to the
# next symbol (the next function's __pfx_ padding symbol where the kernel has them), so it includes
# the function's cold tails only when they are not split off as NAME.cold. The 64-byte lines a
# function spans are counted from its real address. A name that is not a symbol (inlined, or
# renamed by the compiler: NAME.isra.0, NAME.constprop.0, NAME.part.0) is listed as missing.
#
# Usage: benchmarks/native/kernel_text.sh FUNCTION...   or   kernel_text.sh < LIST
# (a LIST has one name a line; '#' starts a comment: benchmarks/native/paths/*.txt)
# Output: one line per function (bytes, lines), then the totals: an upper bound on the text, hence
# on the instruction lines, a path through those functions can touch.
set -eu
if [ "$#" -gt 0 ]; then
	printf '%s\n' "$@"
else
	cat
fi | sed -e 's/#.*//' -e 's/[[:space:]]//g' | grep -v '^$' | sort -u > /tmp/kernel_text.$$.names
trap 'rm -f /tmp/kernel_text.$$.names /tmp/kernel_text.$$.syms' EXIT
cat /proc/kallsyms > /tmp/kernel_text.$$.syms
sort /tmp/kernel_text.$$.syms | awk -v names=/tmp/kernel_text.$$.names '
BEGIN {
	while ((getline n < names) > 0)
		if (n != "")
			want[n] = 1
}
# The low 32 bits only: awk computes in doubles, and kernel text lies in one 4 GiB window.
function hex(s,    i, c, v) {
	v = 0
	s = tolower(substr(s, length(s) - 7))
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1)) - 1
		v = v * 16 + c
	}
	return v
}
{
	a = hex($1)
	if (prev != "" && (prev in want) && !(prev in size)) {
		size[prev] = a - pa
		first = int(pa / 64)
		last = int((a - 1) / 64)
		lines[prev] = a > pa ? last - first + 1 : 0
	}
	prev = $3
	pa = a
}
END {
	for (n in want) {
		if (n in size) {
			printf "%-40s %7d bytes %5d lines\n", n, size[n], lines[n]
			tb += size[n]
			tl += lines[n]
			found++
		} else {
			missing = missing " " n
		}
	}
	printf "total: %d functions, %d bytes, %d lines of 64 bytes\n", found, tb, tl
	if (missing != "")
		printf "not symbols (inlined or renamed):%s\n", missing
}' | sort

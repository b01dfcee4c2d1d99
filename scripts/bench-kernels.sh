#!/usr/bin/env bash
# The group benchmarks that run on the four-lane path, once on the AVX-512 IFMA kernel and
# once on the AVX2 kernel (SCRUTIN_NO_IFMA), in one run: criterion saves the first as the
# baseline "ifma" and prints the second's change against it. Then the bare kernels side by
# side (benches/lanes.rs). On a processor without IFMA both passes run the AVX2 kernel.
#
#   scripts/bench-kernels.sh [extra criterion arguments, e.g. --measurement-time 3]
set -euo pipefail
cd "$(dirname "$0")/.."

filter='g_pow_many of 4|decode_batch of 100|pow_sets_vartime 4 bases|multi_pow_vartime g\^e|pow_sets, 16 bases|^standard/(modmul|square)$'
grep -q avx512ifma /proc/cpuinfo 2>/dev/null || echo "note: this processor has no AVX-512 IFMA; both passes run the AVX2 kernel" >&2

echo "== four-lane paths on the IFMA kernel (baseline 'ifma')"
cargo bench -p scrutin-core --bench group -- "$filter" --save-baseline ifma "$@"
echo "== the same on the AVX2 kernel (change shown against 'ifma')"
SCRUTIN_NO_IFMA=1 cargo bench -p scrutin-core --bench group -- "$filter" --baseline ifma "$@"
echo "== the bare kernels"
cargo bench -p scrutin-core --features kernel-bench --bench lanes -- "$@"

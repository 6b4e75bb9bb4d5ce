#!/bin/sh
# Builds the benchmark modules (corpus/bench/*.wasm) from the C sources in src/.
#
# Needs clang and wasm-ld, and python3 for the generated large program:
#     apt-get install clang lld python3      (Debian; the committed modules were built with 14.0.6)
# The .wasm files are committed, so running the benchmarks needs no C toolchain; only run this
# after changing a source, and commit sources and modules together (another clang version makes
# different bytes, and so different figures).
#
# Flags: wasm32 at -O2, no C library and no entry point. Every program exports `run` and
# `run_small` (see src/bench.h) and its memory. Wasm features are pinned to those every engine
# under test implements (sign extension, non-trapping float-to-int, mutable globals; no bulk
# memory, so src/support.c supplies memset/memcpy/memmove). The name section is kept.
set -eu
cd "$(dirname "$0")"
src=src
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The large program: generated, deterministic, sized for >= 200 KB of code (see gen_large.py).
LARGE_FUNCTIONS=300

CFLAGS="--target=wasm32 -O2 -nostdlib -mcpu=mvp -msign-ext -mnontrapping-fptoint -mmutable-globals -Wall -Wextra -Werror"

clang $CFLAGS -fno-builtin -c "$src/support.c" -o "$tmp/support.o"
python3 "$src/gen_large.py" "$LARGE_FUNCTIONS" > "$tmp/large.c"

build() { # NAME SOURCE [FLAGS...]
    name=$1 source=$2
    shift 2
    # shellcheck disable=SC2086 # word splitting of the flag list is intended
    clang $CFLAGS "$@" -I"$src" -Wl,--no-entry "$source" "$tmp/support.o" -o "$name.wasm"
}

for name in sieve crc32 sha256 lz sort interp fib matmul_int nbody spectral mandelbrot matmul_f64 fft; do
    build "$name" "$src/$name.c"
done
# generated code assigns variables to themselves and compares them with themselves: no warnings
build large "$tmp/large.c" -w

chmod 644 ./*.wasm
ls -l ./*.wasm

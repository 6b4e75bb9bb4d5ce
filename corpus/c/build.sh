#!/bin/sh
# Builds the sample modules in ../samples from the C sources here. Needs clang and wasm-ld
# (Debian: apt-get install clang lld). The .wasm files are committed, so only run this after
# changing a source; the exact bytes depend on the clang version (these were made with clang 14).
#
# Flags: wasm32, -O2, no C library and no entry point (these are libraries of exported functions),
# Wasm 2.0 features that every engine supports (sign extension, non-trapping float-to-int,
# mutable globals) spelled out so that a newer clang's defaults do not change the output. The name
# section is kept: reports show function names. support.c supplies memset/memcpy, which clang may
# call for loops it recognises.
set -eu
cd "$(dirname "$0")"
out=../samples
mkdir -p "$out"

CFLAGS="--target=wasm32 -O2 -nostdlib -mcpu=mvp -msign-ext -mnontrapping-fptoint -mmutable-globals -Wall -Wextra -Werror"

clang $CFLAGS -fno-builtin -c support.c -o "$out/support.o"

# build NAME EXPORT...
build() {
    name=$1
    shift
    exports=""
    for e in "$@"; do exports="$exports -Wl,--export=$e"; done
    # shellcheck disable=SC2086 # word splitting of the flag lists is intended
    clang $CFLAGS -Wl,--no-entry $exports "$name.c" "$out/support.o" -o "$out/$name.wasm"
}

build fib fib fib_rec fact collatz
build sort sort_checksum is_sorted get
build hash crc32_pattern crc32_text fnv1a_prefix fnv1a64_pattern
build numeric mulhi_u64 isqrt_u64 newton_sqrt poly_f32 mandel f64_to_i64_sat div_s64

rm "$out/support.o"
chmod 644 "$out"/*.wasm
ls -l "$out"/*.wasm

#!/bin/sh
# Regenerates the test modules from their .wat sources. Needs wabt's wat2wasm (apt-get install wabt);
# the .wasm files are committed so that the tests never need it.
set -eu
cd "$(dirname "$0")"
for wat in *.wat; do
    case "$wat" in
        invalid.wat) wat2wasm --no-check "$wat" -o "${wat%.wat}.wasm" ;; # deliberately ill-typed
        exn.wat) wat2wasm --enable-exceptions "$wat" -o "${wat%.wat}.wasm" ;;
        spin.wat) wat2wasm --enable-tail-call "$wat" -o "${wat%.wat}.wasm" ;;
        *) wat2wasm "$wat" -o "${wat%.wat}.wasm" ;;
    esac
done

// An LZ77-style compressor (hash-chain-free, one candidate per hash bucket) and its decompressor
// over a text-like pseudo-random input; the round trip is checked inside the program.
#include "bench.h"

#define SIZE 131072
#define HASH_BITS 14
static u8 input[SIZE];
static u8 packed[SIZE + SIZE / 8 + 16];
static u8 unpacked[SIZE];
static u32 last_seen[1 << HASH_BITS];

// Words from a small vocabulary, so there are repeats to find.
static void make_input(u32 seed) {
    static const char *words[] = {"wasm ", "flint ", "compile ", "stack ", "value ", "block ", "loop ",
                                  "branch ", "memory ", "table ", "\n", "x86 ", "register ", "spill "};
    u32 pos = 0;
    while (pos < SIZE) {
        const char *w = words[next_random(&seed) % 14];
        while (*w && pos < SIZE) input[pos++] = (u8) *w++;
    }
}

static inline u32 hash3(const u8 *p) {
    u32 v = (u32) p[0] | (u32) p[1] << 8 | (u32) p[2] << 16;
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

// Format: a token byte; high bit clear = (t + 1) literals follow; set = match of length
// (t & 0x7f) + 3 at a 16-bit distance that follows.
static u32 compress(u32 len) {
    for (u32 i = 0; i < (1u << HASH_BITS); i++) last_seen[i] = 0xffffffffu;
    u32 in = 0, out = 0, lit_start = 0;
    while (in + 3 <= len) {
        u32 h = hash3(input + in);
        u32 cand = last_seen[h];
        last_seen[h] = in;
        if (cand != 0xffffffffu && in - cand < 65536 && input[cand] == input[in] &&
            input[cand + 1] == input[in + 1] && input[cand + 2] == input[in + 2]) {
            while (lit_start < in) { // flush pending literals
                u32 run = in - lit_start > 128 ? 128 : in - lit_start;
                packed[out++] = (u8) (run - 1);
                for (u32 k = 0; k < run; k++) packed[out++] = input[lit_start + k];
                lit_start += run;
            }
            u32 m = 3;
            while (m < 130 && in + m < len && input[cand + m] == input[in + m]) m++;
            u32 dist = in - cand;
            packed[out++] = (u8) (0x80 | (m - 3));
            packed[out++] = (u8) dist;
            packed[out++] = (u8) (dist >> 8);
            in += m;
            lit_start = in;
        } else {
            in++;
        }
    }
    in = len;
    while (lit_start < in) {
        u32 run = in - lit_start > 128 ? 128 : in - lit_start;
        packed[out++] = (u8) (run - 1);
        for (u32 k = 0; k < run; k++) packed[out++] = input[lit_start + k];
        lit_start += run;
    }
    return out;
}

static u32 decompress(u32 packed_len) {
    u32 in = 0, out = 0;
    while (in < packed_len) {
        u32 t = packed[in++];
        if (t & 0x80) {
            u32 m = (t & 0x7f) + 3;
            u32 dist = (u32) packed[in] | (u32) packed[in + 1] << 8;
            in += 2;
            for (u32 k = 0; k < m; k++, out++) unpacked[out] = unpacked[out - dist];
        } else {
            for (u32 k = 0; k <= t; k++) unpacked[out++] = packed[in++];
        }
    }
    return out;
}

static u32 work(int n) {
    u32 h = 0;
    for (int r = 0; r < n; r++) {
        make_input(0xBEEF + (u32) r);
        u32 c = compress(SIZE);
        u32 d = decompress(c);
        u32 same = d == SIZE;
        for (u32 i = 0; i < SIZE && same; i++) same = input[i] == unpacked[i];
        h = mix(h, c);
        h = mix(h, same ? 0x600d : 0xbad);
    }
    return h;
}

BENCH(work(40), work(1))

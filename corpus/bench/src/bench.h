// Shared by every benchmark program: fixed-width types and the two exports.
//
// Each program defines a `work` function and ends with BENCH(FULL, SMALL), two calls of it:
// `run` returns FULL, the measured workload (roughly 50-500 ms of native code); `run_small`
// returns SMALL, about 1/50 to 1/100 of it, so that the reference interpreter (some hundred times
// slower) takes well under a second or two and the checksum-agreement test stays fast. Both
// return a checksum that every engine must agree on.
#ifndef BENCH_H
#define BENCH_H

typedef unsigned char u8;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;
typedef __SIZE_TYPE__ size_t;

#define EXPORT(name) __attribute__((export_name(name)))

#define BENCH(FULL, SMALL)                                  \
    EXPORT("run") i32 run(void) { return (i32) (FULL); }    \
    EXPORT("run_small") i32 run_small(void) { return (i32) (SMALL); }

// A small xorshift generator, so inputs need no data segments and every engine sees the same data.
static inline u32 next_random(u32 *state) {
    u32 x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

// Mixes a value into a running checksum (order-sensitive).
static inline u32 mix(u32 h, u32 v) {
    h ^= v + 0x9e3779b9u + (h << 6) + (h >> 2);
    return h;
}

// Float results become checksums through their bits, so agreement is bit-exact.
static inline u32 f64_bits_hash(double d) {
    union { double d; u64 u; } v = { d };
    return (u32) v.u ^ (u32) (v.u >> 32);
}

#endif

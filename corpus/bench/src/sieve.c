// Sieve of Eratosthenes over a byte array: strided stores, a tight counting loop.
#include "bench.h"

#define LIMIT 1000000
static u8 composite[LIMIT + 1];

static u32 sieve_once(u32 limit) {
    for (u32 i = 0; i <= limit; i++) composite[i] = 0;
    u32 count = 0, sum = 0;
    for (u32 i = 2; i <= limit; i++) {
        if (composite[i]) continue;
        count++;
        sum += i;
        for (u32 j = i * 2; j <= limit; j += i) composite[j] = 1;
    }
    return mix(count, sum);
}

// n sieves up to limit
static u32 work(int n, u32 limit) {
    u32 h = 0;
    for (int r = 0; r < n; r++) h = mix(h, sieve_once(limit));
    return h;
}

BENCH(work(20, LIMIT), work(1, 200000))

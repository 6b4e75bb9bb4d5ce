// Table-driven CRC-32 (the reflected 0xEDB88320 polynomial) over a pseudo-random buffer:
// byte loads, table lookups, shifts and xors.
#include "bench.h"

#define SIZE 65536
static u32 table[256];
static u8 data[SIZE];

static void make_table(void) {
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static u32 crc32(const u8 *p, u32 len, u32 crc) {
    crc = ~crc;
    for (u32 i = 0; i < len; i++) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static u32 work(int n) {
    make_table();
    u32 seed = 0x12345678u;
    for (u32 i = 0; i < SIZE; i++) data[i] = (u8) next_random(&seed);
    u32 crc = 0;
    for (int r = 0; r < n; r++) {
        crc = crc32(data, SIZE, crc);
        data[r % SIZE] ^= (u8) crc; // each pass sees different data
    }
    return crc;
}

BENCH(work(200), work(5))

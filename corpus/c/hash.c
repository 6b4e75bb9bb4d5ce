// Byte-level work: table-driven CRC-32 and FNV-1a over buffers in linear memory.
//   crc32_pattern(len, seed)  CRC-32 (IEEE, as zlib) of len (<= 65536) bytes i*seed mod 256
//   crc32_text()              CRC-32 of "The quick brown fox jumps over the lazy dog" (0x414fa339)
//   fnv1a_prefix(len)         FNV-1a 32 of the text's first len bytes (all 43: 0x048fff90)
//   fnv1a64_pattern(len)      FNV-1a 64 of len (<= 65536) pattern bytes with seed 7

static const char text[] = "The quick brown fox jumps over the lazy dog";
static unsigned char buffer[65536];
static unsigned crc_table[256];
static int crc_table_ready;

static void make_crc_table(void) {
    for (unsigned n = 0; n < 256; n++) {
        unsigned c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
    crc_table_ready = 1;
}

static unsigned crc32(const unsigned char *p, unsigned len) {
    if (!crc_table_ready) make_crc_table();
    unsigned c = 0xFFFFFFFFu;
    while (len--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static unsigned clamp(unsigned len) {
    return len > sizeof buffer ? sizeof buffer : len;
}

static void fill(unsigned len, unsigned seed) {
    for (unsigned i = 0; i < len; i++) buffer[i] = (unsigned char) (i * seed);
}

unsigned crc32_pattern(unsigned len, unsigned seed) {
    len = clamp(len);
    fill(len, seed);
    return crc32(buffer, len);
}

unsigned crc32_text(void) {
    return crc32((const unsigned char *) text, sizeof text - 1);
}

unsigned fnv1a_prefix(unsigned len) {
    unsigned h = 2166136261u;
    for (const char *p = text; *p && len--; p++) h = (h ^ (unsigned char) *p) * 16777619u;
    return h;
}

unsigned long long fnv1a64_pattern(unsigned len) {
    len = clamp(len);
    fill(len, 7);
    unsigned long long h = 14695981039346656037ull;
    for (unsigned i = 0; i < len; i++) h = (h ^ buffer[i]) * 1099511628211ull;
    return h;
}

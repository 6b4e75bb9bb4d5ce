// memset/memcpy for loops that clang turns into library calls. Compiled with -fno-builtin so these
// loops are not themselves turned into calls. (Bulk memory would avoid them, but not every engine
// under test implements it yet.)
typedef __SIZE_TYPE__ size_t;

void *memset(void *dest, int c, size_t n) {
    unsigned char *d = dest;
    while (n--) *d++ = (unsigned char) c;
    return dest;
}

void *memcpy(void *restrict dest, const void *restrict src, size_t n) {
    unsigned char *d = dest;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dest;
}

void *memmove(void *dest, const void *src, size_t n) {
    unsigned char *d = dest;
    const unsigned char *s = src;
    if (d < s) {
        while (n--) *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n--) *--d = *--s;
    }
    return dest;
}

// The two C library functions clang may call on its own: an initialisation or copy loop in the
// samples can become a call to memset or memcpy. Compiled with -fno-builtin so that these loops
// are not themselves turned into calls to memset and memcpy.

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

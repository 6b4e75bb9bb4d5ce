// Spectral norm by power iteration on an implicitly defined matrix
// a(i, j) = 1 / ((i + j) * (i + j + 1) / 2 + i + 1): f64 divides in doubly nested loops.
#include "bench.h"

#define MAXN 1000
static double u[MAXN], v[MAXN], t[MAXN];

static inline double entry(int i, int j) {
    return 1.0 / (double) ((i + j) * (i + j + 1) / 2 + i + 1);
}

static void times(const double *in, double *out, int n, int transpose) {
    for (int i = 0; i < n; i++) {
        double sum = 0.0;
        for (int j = 0; j < n; j++) sum += (transpose ? entry(j, i) : entry(i, j)) * in[j];
        out[i] = sum;
    }
}

// out = A^T A in
static void times_ata(const double *in, double *out, int n) {
    times(in, t, n, 0);
    times(t, out, n, 1);
}

static u32 work(int n) {
    for (int i = 0; i < n; i++) u[i] = 1.0;
    for (int k = 0; k < 10; k++) {
        times_ata(u, v, n);
        times_ata(v, u, n);
    }
    double uv = 0.0, vv = 0.0;
    for (int i = 0; i < n; i++) { uv += u[i] * v[i]; vv += v[i] * v[i]; }
    return f64_bits_hash(__builtin_sqrt(uv / vv));
}

BENCH(work(1000), work(120))

// f64 matrix multiply, i-k-j order, on matrices of small fractions.
#include "bench.h"

#define N 160
static double a[N][N], b[N][N], c[N][N];

static u32 work(int rows) {
    u32 seed = 99;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double) (i32) (next_random(&seed) % 2001 - 1000) / 1024.0;
            b[i][j] = (double) (i32) (next_random(&seed) % 2001 - 1000) / 1024.0;
        }
    u32 h = 0;
    // one row of C = A B per step, rows in turn; A changes a little after each full product
    for (int t = 0; t < rows; t++) {
        int i = t % N;
        for (int j = 0; j < N; j++) c[i][j] = 0.0;
        for (int k = 0; k < N; k++) {
            double x = a[i][k];
            for (int j = 0; j < N; j++) c[i][j] += x * b[k][j];
        }
        h = mix(h, f64_bits_hash(c[i][(i * 5 + t) % N]));
        if (i == N - 1) a[t % N][(t * 3) % N] += 0.5;
    }
    return h;
}

BENCH(work(20 * N), work(20))

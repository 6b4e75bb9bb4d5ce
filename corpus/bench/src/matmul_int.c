// Integer matrix multiply, i-k-j order: 32-bit multiply-add streams over rows.
#include "bench.h"

#define N 160
static i32 a[N][N], b[N][N], c[N][N];

static u32 work(int rows) {
    u32 seed = 77;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (i32) (next_random(&seed) & 0xff) - 128;
            b[i][j] = (i32) (next_random(&seed) & 0xff) - 128;
        }
    u32 h = 0;
    // one row of C = A B per step, rows in turn; A changes a little after each full product
    for (int t = 0; t < rows; t++) {
        int i = t % N;
        for (int j = 0; j < N; j++) c[i][j] = 0;
        for (int k = 0; k < N; k++) {
            i32 x = a[i][k];
            for (int j = 0; j < N; j++) c[i][j] += x * b[k][j];
        }
        h = mix(h, (u32) c[i][(i * 7 + t) % N]);
        if (i == N - 1) a[t % N][(t * 3) % N] += 1;
    }
    return h;
}

BENCH(work(20 * N), work(20))

// Iterative radix-2 complex FFT, forward then inverse, on a pseudo-random signal. Twiddle factors
// come from half-angle square roots, so no sin/cos library is needed.
#include "bench.h"

#define LOG_N 14
#define N (1 << LOG_N)
static double re[N], im[N], orig[N];
static double wr[LOG_N + 1], wi[LOG_N + 1]; // cos and sin of -pi / 2^(s-1) for stage s

static void twiddles(void) {
    double c = -1.0, s = 0.0; // angle pi
    for (int k = 1; k <= LOG_N; k++) {
        wr[k] = c;
        wi[k] = -s;
        // half the angle: cos(t/2) = sqrt((1 + cos t) / 2), sin(t/2) = sqrt((1 - cos t) / 2)
        double nc = __builtin_sqrt((1.0 + c) / 2.0), ns = __builtin_sqrt((1.0 - c) / 2.0);
        c = nc;
        s = ns;
    }
}

static void bit_reverse(void) {
    for (u32 i = 0, j = 0; i < N; i++) {
        if (i < j) {
            double t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
        u32 bit = N >> 1;
        while (j & bit) { j ^= bit; bit >>= 1; }
        j |= bit;
    }
}

static void transform(int inverse) {
    bit_reverse();
    for (int s = 1; s <= LOG_N; s++) {
        int half = 1 << (s - 1);
        double sr = wr[s], si = inverse ? -wi[s] : wi[s];
        for (int start = 0; start < N; start += 2 * half) {
            double cr = 1.0, ci = 0.0;
            for (int k = 0; k < half; k++) {
                int a = start + k, b = a + half;
                double tr = re[b] * cr - im[b] * ci, ti = re[b] * ci + im[b] * cr;
                re[b] = re[a] - tr; im[b] = im[a] - ti;
                re[a] += tr; im[a] += ti;
                double ncr = cr * sr - ci * si;
                ci = cr * si + ci * sr;
                cr = ncr;
            }
        }
    }
}

static u32 work(int n) {
    twiddles();
    u32 seed = 31337;
    for (int i = 0; i < N; i++) orig[i] = (double) (next_random(&seed) % 1000) / 500.0 - 1.0;
    u32 h = 0;
    for (int r = 0; r < n; r++) {
        for (int i = 0; i < N; i++) { re[i] = orig[i]; im[i] = 0.0; }
        transform(0);
        h = mix(h, f64_bits_hash(re[r % N]));
        transform(1);
        double err = 0.0;
        for (int i = 0; i < N; i++) {
            double d = re[i] / N - orig[i];
            err += d * d;
        }
        h = mix(h, err < 1e-12 ? 1 : 0);
        orig[r % N] += 0.25;
    }
    return h;
}

BENCH(work(60), work(1))

// 64-bit integer and floating-point arithmetic, including conversions and NaN-producing paths.
//   mulhi_u64(a, b)          high 64 bits of the 128-bit product (i64 mul, shifts, carries)
//   isqrt_u64(n)             floor(sqrt(n)) by bisection on 64-bit integers
//   newton_sqrt(x)           square root by Newton's method in f64; NaN for negative x
//   poly_f32(x)              a degree-5 polynomial in f32 (Horner), rounding in single precision
//   mandel(cx, cy, limit)    Mandelbrot escape iterations for c = cx + i*cy
//   f64_to_i64_sat(x)        float-to-integer conversion that saturates (explicit range checks) instead of trapping
//   div_s64(a, b)            signed 64-bit division: traps on b == 0 and on INT64_MIN / -1

unsigned long long mulhi_u64(unsigned long long a, unsigned long long b) {
    unsigned long long a_lo = a & 0xFFFFFFFFu, a_hi = a >> 32;
    unsigned long long b_lo = b & 0xFFFFFFFFu, b_hi = b >> 32;
    unsigned long long lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
    unsigned long long cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFu) + lo_hi;
    return (hi_lo >> 32) + (cross >> 32) + hi_hi;
}

unsigned long long isqrt_u64(unsigned long long n) {
    unsigned long long lo = 0, hi = n < 0xFFFFFFFFull ? n : 0xFFFFFFFFull;
    while (lo < hi) {
        unsigned long long mid = lo + (hi - lo + 1) / 2;
        if (mid * mid <= n) lo = mid; else hi = mid - 1;
    }
    return lo;
}

double newton_sqrt(double x) {
    if (x < 0) return 0.0 / 0.0;
    if (x == 0 || x != x || x > 1.7e308) return x;
    double r = x > 1 ? x / 2 : 1;
    for (int i = 0; i < 64; i++) {
        double next = 0.5 * (r + x / r);
        if (next == r) break;
        r = next;
    }
    return r;
}

float poly_f32(float x) {
    return ((((0.5f * x - 1.25f) * x + 3.0f) * x - 0.75f) * x + 2.0f) * x - 1.0f;
}

int mandel(double cx, double cy, int limit) {
    double x = 0, y = 0;
    int i = 0;
    while (i < limit && x * x + y * y <= 4.0) {
        double t = x * x - y * y + cx;
        y = 2 * x * y + cy;
        x = t;
        i++;
    }
    return i;
}

long long f64_to_i64_sat(double x) {
    if (x != x) return 0;
    if (x >= 9223372036854775807.0) return 9223372036854775807ll;
    if (x <= -9223372036854775808.0) return (-9223372036854775807ll - 1);
    return (long long) x;
}

long long div_s64(long long a, long long b) {
    return a / b;
}

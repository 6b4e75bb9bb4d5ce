// Gravitational n-body simulation: a ring of bodies around a heavy centre, advanced with a
// semi-implicit Euler step. f64 arithmetic, one square root per pair per step.
#include "bench.h"

#define BODIES 24
static double px[BODIES], py[BODIES], pz[BODIES], vx[BODIES], vy[BODIES], vz[BODIES], mass[BODIES];

static void setup(void) {
    u32 seed = 4242;
    mass[0] = 1000.0;
    px[0] = py[0] = pz[0] = vx[0] = vy[0] = vz[0] = 0.0;
    for (int i = 1; i < BODIES; i++) {
        double r = 5.0 + (double) i;
        double jitter = (double) (next_random(&seed) % 1000) / 1000.0;
        // alternate the four quadrants so the system is roughly balanced
        double sx = (i & 1) ? 1.0 : -1.0, sy = (i & 2) ? 1.0 : -1.0;
        px[i] = sx * r;
        py[i] = sy * jitter;
        pz[i] = 0.1 * jitter;
        double speed = __builtin_sqrt(1000.0 / r);
        vx[i] = -sy * 0.1 * jitter;
        vy[i] = sx * speed;
        vz[i] = 0.0;
        mass[i] = 0.01 + 0.001 * (double) i;
    }
}

static void step(double dt) {
    for (int i = 0; i < BODIES; i++) {
        for (int j = i + 1; j < BODIES; j++) {
            double dx = px[i] - px[j], dy = py[i] - py[j], dz = pz[i] - pz[j];
            double d2 = dx * dx + dy * dy + dz * dz + 1e-9;
            double inv = 1.0 / (d2 * __builtin_sqrt(d2));
            double fi = mass[j] * inv * dt, fj = mass[i] * inv * dt;
            vx[i] -= dx * fi; vy[i] -= dy * fi; vz[i] -= dz * fi;
            vx[j] += dx * fj; vy[j] += dy * fj; vz[j] += dz * fj;
        }
    }
    for (int i = 0; i < BODIES; i++) {
        px[i] += vx[i] * dt; py[i] += vy[i] * dt; pz[i] += vz[i] * dt;
    }
}

static double energy(void) {
    double e = 0.0;
    for (int i = 0; i < BODIES; i++) {
        e += 0.5 * mass[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
        for (int j = i + 1; j < BODIES; j++) {
            double dx = px[i] - px[j], dy = py[i] - py[j], dz = pz[i] - pz[j];
            e -= mass[i] * mass[j] / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static u32 work(int n) {
    setup();
    for (int s = 0; s < n; s++) step(0.001);
    return f64_bits_hash(energy()) ^ f64_bits_hash(px[1]);
}

BENCH(work(20000), work(250))

// Mandelbrot set membership on a grid: a data-dependent f64 loop per point.
#include "bench.h"

static u32 work(int size) {
    u32 inside = 0, h = 0;
    for (int y = 0; y < size; y++) {
        double ci = 2.0 * (double) y / (double) size - 1.0;
        u32 row = 0;
        for (int x = 0; x < size; x++) {
            double cr = 2.5 * (double) x / (double) size - 2.0;
            double zr = 0.0, zi = 0.0;
            int k = 0;
            while (k < 200 && zr * zr + zi * zi <= 4.0) {
                double nr = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = nr;
                k++;
            }
            if (k == 200) inside++;
            row = row * 31 + (u32) k;
        }
        h = mix(h, row);
    }
    return mix(h, inside);
}

BENCH(work(600), work(64))

// Sorting a static array in linear memory: loads, stores, address arithmetic, recursion.
//   sort_checksum(seed, n)  fills the first n (<= 4096) slots from a linear congruential generator,
//                           quicksorts them and returns a position-weighted checksum
//   is_sorted(n)            1 if the first n slots are in non-decreasing order
//   get(i)                  slot i, to inspect memory from outside

#define CAPACITY 4096

static int data[CAPACITY];

static unsigned lcg(unsigned *state) {
    *state = *state * 1664525u + 1013904223u;
    return *state;
}

static void quicksort(int *a, int lo, int hi) {
    while (lo < hi) {
        int pivot = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        // recurse into the smaller half, loop on the larger: bounded stack depth
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

int is_sorted(int n) {
    for (int i = 1; i < n; i++)
        if (data[i - 1] > data[i]) return 0;
    return 1;
}

int get(int i) {
    return data[i];
}

unsigned sort_checksum(unsigned seed, int n) {
    if (n < 0) n = 0;
    if (n > CAPACITY) n = CAPACITY;
    unsigned state = seed;
    for (int i = 0; i < n; i++) data[i] = (int) (lcg(&state) >> 8) - (1 << 23);
    quicksort(data, 0, n - 1);
    unsigned sum = 0;
    for (int i = 0; i < n; i++) sum = sum * 31u + (unsigned) data[i] * (unsigned) (i + 1);
    return sum;
}

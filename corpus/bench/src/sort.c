// Sorting: quicksort (median of three, insertion sort for short ranges) and a bottom-up merge
// sort of the same pseudo-random array; compares, swaps and indexed loads and stores.
#include "bench.h"

#define N 100000
static i32 data[N], copy[N], scratch[N];

static void insertion(i32 *a, int lo, int hi) {
    for (int i = lo + 1; i <= hi; i++) {
        i32 v = a[i];
        int j = i - 1;
        while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

static void quicksort(i32 *a, int lo, int hi) {
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        i32 x = a[lo], y = a[mid], z = a[hi];
        i32 pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { i32 t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; } else { quicksort(a, i, hi); hi = j; }
    }
    insertion(a, lo, hi);
}

static void merge_sort(i32 *a, i32 *tmp, int n) {
    for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
            int mid = lo + width < n ? lo + width : n;
            int hi = lo + 2 * width < n ? lo + 2 * width : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
        }
        for (int i = 0; i < n; i++) a[i] = tmp[i];
    }
}

// n rounds of sorting size elements (size <= N)
static u32 work(int n, int size) {
    u32 h = 0, seed = 2024;
    for (int r = 0; r < n; r++) {
        for (int i = 0; i < size; i++) data[i] = copy[i] = (i32) next_random(&seed);
        quicksort(data, 0, size - 1);
        merge_sort(copy, scratch, size);
        u32 agree = 1;
        for (int i = 0; i < size; i++) agree &= data[i] == copy[i];
        for (int i = 0; i < size; i += 997) h = mix(h, (u32) data[i]);
        h = mix(h, agree);
    }
    return h;
}

BENCH(work(8, N), work(1, 10000))

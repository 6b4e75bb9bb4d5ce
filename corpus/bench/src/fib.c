// Naive doubly recursive Fibonacci: call and return overhead, nothing else.
#include "bench.h"

__attribute__((noinline)) static u32 fib(u32 n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static u32 work(int n) {
    return fib((u32) n);
}

BENCH(work(36), work(27))

// Recursion and simple loops: the first thing to run on a new engine.
//   fib(n)       n-th Fibonacci number, iterative, wraps modulo 2^32
//   fib_rec(n)   the same, naively recursive (deep call trees; fib_rec(25) makes ~250k calls)
//   fact(n)      n! as a 64-bit integer, wraps modulo 2^64
//   collatz(n)   number of Collatz steps from n to 1 (64-bit arithmetic, data-dependent branches)

unsigned fib(unsigned n) {
    unsigned a = 0, b = 1;
    while (n--) {
        unsigned t = a + b;
        a = b;
        b = t;
    }
    return a;
}

unsigned fib_rec(unsigned n) {
    return n < 2 ? n : fib_rec(n - 1) + fib_rec(n - 2);
}

unsigned long long fact(unsigned n) {
    unsigned long long r = 1;
    for (unsigned i = 2; i <= n; i++) r *= i;
    return r;
}

int collatz(unsigned long long n) {
    int steps = 0;
    while (n > 1) {
        n = (n & 1) ? 3 * n + 1 : n / 2;
        steps++;
    }
    return steps;
}

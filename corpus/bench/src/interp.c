// A bytecode interpreter: a switch-dispatched loop over a small stack machine running a program
// that counts, with nested loops, the integers below a bound whose digit sum is prime-ish.
#include "bench.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, DIV, JZ, JMP, LT, DUP, DROP, HALT };

// Variables: 0 = i, 1 = limit, 2 = count, 3 = x, 4 = digit sum
static const i32 program[] = {
    PUSH, 0, STORE, 0,                               //  0: i = 0
    PUSH, 0, STORE, 2,                               //  4: count = 0
    LOAD, 0, LOAD, 1, LT, JZ, 71,                    //  8: while (i < limit) {
    LOAD, 0, STORE, 3,                               // 15:   x = i
    PUSH, 0, STORE, 4,                               // 19:   s = 0
    LOAD, 3, JZ, 46,                                 // 23:   while (x) {
    LOAD, 4, LOAD, 3, PUSH, 10, MOD, ADD, STORE, 4,  // 27:     s += x % 10
    LOAD, 3, PUSH, 10, DIV, STORE, 3,                // 37:     x /= 10
    JMP, 23,                                         // 44:   }
    LOAD, 4, PUSH, 7, MOD, JZ, 62,                   // 46:   if (s % 7)
    LOAD, 2, PUSH, 1, ADD, STORE, 2,                 // 53:     count++
    JMP, 62,                                         // 60:
    LOAD, 0, PUSH, 1, ADD, STORE, 0,                 // 62:   i++
    JMP, 8,                                          // 69: }
    LOAD, 2, HALT,                                   // 71: return count
};

static i32 execute(i32 limit) {
    i32 stack[64];
    i32 vars[8] = {0, limit, 0, 0, 0, 0, 0, 0};
    int sp = 0, pc = 0;
    for (;;) {
        switch (program[pc++]) {
        case PUSH: stack[sp++] = program[pc++]; break;
        case LOAD: stack[sp++] = vars[program[pc++]]; break;
        case STORE: vars[program[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case DIV: sp--; stack[sp - 1] /= stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case JZ: { i32 target = program[pc++]; if (stack[--sp] == 0) pc = target; break; }
        case JMP: pc = program[pc]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case DROP: sp--; break;
        case HALT: return stack[sp - 1];
        default: return -1;
        }
    }
}

static u32 work(int n) {
    return (u32) execute(n);
}

BENCH(work(400000), work(8000))

package flint.compiler.microwasm.interp;

import flint.compiler.WasmTrap;
import flint.compiler.microwasm.DropRange;
import flint.compiler.microwasm.FloatSemantics;
import flint.compiler.microwasm.MicroOp;
import flint.compiler.microwasm.MicrowasmModule;
import flint.compiler.microwasm.UnsupportedFeatureException;

/**
 * Runs a module's Microwasm with Wasm's semantics: a test oracle that isolates the converter from
 * the backend (the same Microwasm on this and on native code must agree; this and a Wasm
 * interpreter must agree as well). It executes exactly what the converter produced, operator by
 * operator, on one value stack as the backend's virtual stack models it: locals are stack entries,
 * jumps drop what their targets do not take, calls leave their results where the arguments were.
 *
 * <p>Calls do not recurse in Java: frames live in arrays, so deep Wasm recursion ends in a
 * "call stack exhausted" trap at {@link #MAX_DEPTH} frames rather than a Java stack overflow. One
 * instance serves one module instance; its calls may nest (a host import calling back in) but must
 * stay on one thread, except {@link #interrupt()}.
 */
public final class Interpreter {
    /** The deepest call nesting before "call stack exhausted". */
    public static final int MAX_DEPTH = 20_000;
    /** The most value-stack entries of one call, summed over its frames. */
    public static final int MAX_STACK = 8 << 20;

    private final MicrowasmModule module;
    private final Environment env;
    private final int importCount;
    private final PreparedFunction[] functions;
    private volatile boolean interruptRequested;

    public Interpreter(MicrowasmModule module, Environment env) {
        this.module = module;
        this.env = env;
        this.importCount = module.context().importedFunctionCount();
        this.functions = new PreparedFunction[importCount + module.functions().size()];
        for (var c : module.functions()) {
            if (c instanceof MicrowasmModule.Converted(var f)) functions[f.index()] = new PreparedFunction(f);
        }
    }

    /** Asks the running call to stop with an {@link WasmTrap#INTERRUPTED} trap at its next loop back-edge or call. */
    public void interrupt() { interruptRequested = true; }

    /** Forgets an interrupt request that found no call to stop. */
    public void clearInterrupt() { interruptRequested = false; }

    /**
     * Calls function {@code function} (imports first) with {@code args} (i32 sign-extended).
     *
     * @throws InterpreterTrap if it traps
     * @throws UnsupportedFeatureException if it reaches a function the converter rejected
     */
    public long[] invoke(int function, long[] args) {
        if (function < importCount) return env.callImport(function, args);
        return new Execution().run(prepared(function), args);
    }

    /**
     * Fails with the converter's reason if function {@code function} (a defined one) was rejected,
     * so that callers can report that before they prepare arguments it could not take anyway.
     *
     * @throws UnsupportedFeatureException if it was rejected
     */
    public void requireConverted(int function) {
        if (function >= importCount) prepared(function);
    }

    private PreparedFunction prepared(int function) {
        var f = functions[function];
        if (f == null) {
            if (module.function(function) instanceof MicrowasmModule.Rejected(var index, var reason)) throw reason;
            throw new IllegalStateException("function " + function + " was not converted");
        }
        return f;
    }

    /** One call from outside, with its frames. */
    private final class Execution {
        private long[] stack = new long[256];
        private int sp;
        private PreparedFunction[] frameFunction = new PreparedFunction[16];
        private int[] frameReturnPc = new int[16];
        private int[] frameBase = new int[16];
        private int depth;

        long[] run(PreparedFunction entry, long[] args) {
            for (long a : args) push(a);
            enter(entry, 0);
            PreparedFunction f = entry;
            MicroOp[] code = f.ops;
            int pc = 0;
            while (true) {
                int at = pc;
                MicroOp op = code[pc++];
                switch (op) {
                    case MicroOp.DeclareBlock d -> { }
                    case MicroOp.DefineLabel d -> { }
                    case MicroOp.Br br -> pc = jump(br.target().drop(), f.taken[at], at);
                    case MicroOp.BrIf b -> pc = (int) pop() != 0
                            ? jump(b.ifTrue().drop(), f.taken[at], at)
                            : jump(b.ifFalse().drop(), f.notTaken[at], at);
                    case MicroOp.BrTable t -> {
                        int index = (int) pop();
                        int n = t.targets().size();
                        int k = Integer.compareUnsigned(index, n) < 0 ? index : n;
                        var target = k < n ? t.targets().get(k) : t.defaultTarget();
                        pc = jump(target.drop(), f.table[at][k], at);
                    }
                    case MicroOp.Unreachable u -> throw new InterpreterTrap(WasmTrap.UNREACHABLE, "unreachable executed");
                    case MicroOp.Pick p -> push(stack[sp - 1 - p.depth()]);
                    case MicroOp.Swap s -> {
                        long top = stack[sp - 1];
                        stack[sp - 1] = stack[sp - 1 - s.depth()];
                        stack[sp - 1 - s.depth()] = top;
                    }
                    case MicroOp.Drop d -> drop(d.range());
                    case MicroOp.I32Const c -> push(c.value());
                    case MicroOp.I64Const c -> push(c.value());
                    case MicroOp.IntUnary u -> push(Arithmetic.unary(u.type(), u.op(), pop()));
                    case MicroOp.IntBinary b -> {
                        long rhs = pop();
                        push(Arithmetic.binary(b.type(), b.op(), pop(), rhs));
                    }
                    case MicroOp.IntCompare c -> {
                        long rhs = pop();
                        push(Arithmetic.compare(c.type(), c.condition(), pop(), rhs) ? 1 : 0);
                    }
                    case MicroOp.IntEqz e -> push(pop() == 0 ? 1 : 0);
                    case MicroOp.SignExtend s -> push(Arithmetic.signExtend(s.type(), s.from(), pop()));
                    case MicroOp.Wrap w -> push((int) pop());
                    case MicroOp.ExtendI32 e -> push(e.signed() ? (int) pop() : Integer.toUnsignedLong((int) pop()));
                    case MicroOp.Select s -> {
                        int c = (int) pop();
                        long b = pop();
                        long a = pop();
                        push(c != 0 ? a : b);
                    }
                    case MicroOp.F32Const c -> push(c.bits());
                    case MicroOp.F64Const c -> push(c.bits());
                    case MicroOp.FloatUnary u -> push(FloatSemantics.unary(u.type(), u.op(), pop()));
                    case MicroOp.FloatBinary b -> {
                        long rhs = pop();
                        push(FloatSemantics.binary(b.type(), b.op(), pop(), rhs));
                    }
                    case MicroOp.FloatCompare c -> {
                        long rhs = pop();
                        push(FloatSemantics.compare(c.type(), c.condition(), pop(), rhs) ? 1 : 0);
                    }
                    case MicroOp.IntToFloat c -> push(FloatSemantics.fromInt(c.from(), c.to(), c.signed(), pop()));
                    case MicroOp.FloatToInt t -> push(Arithmetic.trunc(t, pop()));
                    case MicroOp.FloatConvert c -> push(FloatSemantics.convert(c.to(), pop()));
                    // Values are kept as bit patterns already: f32 and i32 both sign-extended.
                    case MicroOp.Reinterpret r -> { }
                    case MicroOp.FloatLoad l -> push(Access.load(memory(), l, (int) pop()));
                    case MicroOp.FloatStore s -> {
                        long value = pop();
                        Access.store(memory(), s, (int) pop(), value);
                    }
                    case MicroOp.Load l -> push(Access.load(memory(), l, (int) pop()));
                    case MicroOp.Store s -> {
                        long value = pop();
                        Access.store(memory(), s, (int) pop(), value);
                    }
                    case MicroOp.MemorySize m -> push((int) memory().pages());
                    case MicroOp.MemoryGrow m -> push(memory().grow((int) pop()));
                    case MicroOp.GlobalGet g -> push(env.getGlobal(g.global()));
                    case MicroOp.GlobalSet g -> env.setGlobal(g.global(), pop());
                    // References: null is 0 (as natively); nothing else makes a reference here.
                    case MicroOp.RefNull r -> push(0);
                    case MicroOp.RefIsNull r -> push(pop() == 0 ? 1 : 0);
                    case MicroOp.MemoryCopy m -> {
                        int count = (int) pop();
                        int src = (int) pop();
                        memory().copy((int) pop(), src, count);
                    }
                    case MicroOp.MemoryFill m -> {
                        int count = (int) pop();
                        byte value = (byte) pop();
                        memory().fill((int) pop(), value, count);
                    }
                    // Tables, function references and segments would need the instance's tables and
                    // segments in the Environment: this oracle stops at what the converter can check alone.
                    case MicroOp.RefFunc r -> throw unsupported("ref.func", "reference types");
                    case MicroOp.CallIndirect c -> throw unsupported("call_indirect", "tables");
                    case MicroOp.TableGet t -> throw unsupported("table.get", "tables");
                    case MicroOp.TableSet t -> throw unsupported("table.set", "tables");
                    case MicroOp.TableSize t -> throw unsupported("table.size", "tables");
                    case MicroOp.TableGrow t -> throw unsupported("table.grow", "tables");
                    case MicroOp.TableFill t -> throw unsupported("table.fill", "tables");
                    case MicroOp.TableCopy t -> throw unsupported("table.copy", "tables");
                    case MicroOp.TableInit t -> throw unsupported("table.init", "tables");
                    case MicroOp.ElemDrop e -> throw unsupported("elem.drop", "tables");
                    case MicroOp.MemoryInit m -> throw unsupported("memory.init", "bulk memory");
                    case MicroOp.DataDrop d -> throw unsupported("data.drop", "bulk memory");
                    case MicroOp.Call c -> {
                        checkInterrupt();
                        int n = c.type().params().size();
                        if (c.function() < importCount) {
                            var callArgs = new long[n];
                            System.arraycopy(stack, sp - n, callArgs, 0, n);
                            sp -= n;
                            for (long r : env.callImport(c.function(), callArgs)) push(r);
                        } else {
                            f = prepared(c.function());
                            enter(f, pc);
                            code = f.ops;
                            pc = 0;
                        }
                    }
                }
                if (pc == PreparedFunction.RETURN) {
                    // The jump's drop left exactly the results; they now sit where the arguments were.
                    if (sp != frameBase[depth - 1] + f.resultCount) {
                        throw new IllegalStateException("function " + f.source.index() + " returns with "
                                + (sp - frameBase[depth - 1]) + " values on its stack, not " + f.resultCount);
                    }
                    pc = frameReturnPc[depth - 1];
                    depth--;
                    if (depth == 0) {
                        var results = new long[f.resultCount];
                        System.arraycopy(stack, sp - results.length, results, 0, results.length);
                        return results;
                    }
                    f = frameFunction[depth - 1];
                    code = f.ops;
                }
            }
        }

        /** Applies a jump's drop; returns where execution goes on, checking for interrupts on back-edges. */
        private int jump(DropRange drop, int target, int at) {
            drop(drop);
            if (target != PreparedFunction.RETURN && target <= at) checkInterrupt();
            return target;
        }

        private void enter(PreparedFunction f, int returnPc) {
            if (depth == MAX_DEPTH) throw new InterpreterTrap(WasmTrap.CALL_STACK_EXHAUSTED, depth + " nested calls");
            if (depth == frameFunction.length) {
                int size = depth * 2;
                frameFunction = java.util.Arrays.copyOf(frameFunction, size);
                frameReturnPc = java.util.Arrays.copyOf(frameReturnPc, size);
                frameBase = java.util.Arrays.copyOf(frameBase, size);
            }
            frameFunction[depth] = f;
            frameReturnPc[depth] = returnPc;
            frameBase[depth] = sp - f.paramCount;
            depth++;
        }

        /**
         * The interpreter's own gap, reported like the converter's rejections (same feature names),
         * so that engines and baselines treat it as a missing feature, never as a result.
         */
        private UnsupportedFeatureException unsupported(String what, String feature) {
            return UnsupportedFeatureException.other(what, feature, frameFunction[depth - 1].source.index(),
                    "in the Microwasm interpreter");
        }

        private void checkInterrupt() {
            if (interruptRequested) {
                interruptRequested = false;
                throw new InterpreterTrap(WasmTrap.INTERRUPTED, "interrupted");
            }
        }

        private ByteMemory memory() {
            var memory = env.memory();
            if (memory == null) throw new IllegalStateException("memory access in a module without memory");
            return memory;
        }

        private void push(long v) {
            if (sp == stack.length) {
                if (sp >= MAX_STACK) throw new InterpreterTrap(WasmTrap.CALL_STACK_EXHAUSTED, sp + " stack entries");
                stack = java.util.Arrays.copyOf(stack, sp * 2);
            }
            stack[sp++] = v;
        }

        private long pop() { return stack[--sp]; }

        private void drop(DropRange range) {
            int count = range.count();
            if (count == 0) return;
            int keep = range.depth();
            System.arraycopy(stack, sp - keep, stack, sp - keep - count, keep);
            sp -= count;
        }
    }
}

package flint.compiler.x64;

import flint.compiler.microwasm.IntSemantics;

import flint.compiler.Abi;
import flint.compiler.AbiSequences;
import flint.compiler.CompiledModuleBuilder;
import flint.compiler.VmctxLayout;
import flint.compiler.WasmTrap;
import flint.compiler.microwasm.IntBinaryOp;
import flint.compiler.microwasm.FloatType;
import flint.compiler.microwasm.IntCondition;
import flint.compiler.microwasm.IntType;
import flint.compiler.microwasm.MicroOp;
import flint.compiler.microwasm.Width;
import flint.compiler.x64.asm.AluOp;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.CpuFeature;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.GprMem;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.ShiftOp;
import flint.compiler.x64.asm.Size;
import flint.wasm.model.NumType;

/**
 * Instruction selection for the straight-line Microwasm operators: which x86-64 instructions
 * compute each one, with constants folded (whole operations when every operand is constant, else
 * into immediates), memory operands used in place, and comparisons left in the flags for a
 * following branch or select to consume. Where the values are and where results go is the
 * {@link RegisterAllocator}'s business; this class asks it for operands in the forms it needs.
 *
 * <p>Float operators are {@link FloatSelector}'s (arithmetic, comparisons, select) and
 * {@link FloatConversions}' (between integers and floats); this class keeps the operators that
 * merely move floats (constants, globals, loads, stores, calls). References and tables are
 * {@link TableSelector}'s, bulk memory {@link BulkMemory}'s; a reference is a 64-bit integer here
 * ({@link StackEntry#machineType}).
 *
 * <p>Every trapping operator checks explicitly and branches to a {@link TrapStubs} stub: zero
 * divisors, {@code INT_MIN / -1}, and memory accesses beyond the memory's current length
 * ({@code zero-extended address + offset + size <= length}, in 64-bit arithmetic).
 */
public final class InstructionSelector {
    private final Assembler asm;
    private final RegisterAllocator ra;
    private final Moves moves;
    private final TrapStubs traps;
    private final Frame frame;
    private final CompiledModuleBuilder builder;
    private final VmctxLayout layout;
    private final boolean hasMemory;
    private final int importedFunctions;
    /** Planted miscompilations ({@link flint.compiler.SeededBug}), looked up once, not per operator. */
    private final boolean seededLtS, seededShrS, seededBounds;
    private final FloatSelector floats;
    private final FloatConversions conversions;
    private final CallSequence calls;
    private final TableSelector tables;
    private final BulkMemory bulk;

    public InstructionSelector(CompiledModuleBuilder builder, RegisterAllocator ra, Moves moves, TrapStubs traps, Frame frame) {
        this.builder = builder;
        this.asm = builder.asm();
        this.ra = ra;
        this.moves = moves;
        this.traps = traps;
        this.frame = frame;
        this.layout = builder.layout();
        this.hasMemory = !builder.module().memoryTypes().isEmpty();
        this.importedFunctions = builder.module().importedFunctionCount();
        this.seededLtS = builder.seeded(flint.compiler.SeededBug.LT_S_AS_LE_S);
        this.seededShrS = builder.seeded(flint.compiler.SeededBug.SHR_S_AS_SHR_U);
        this.seededBounds = builder.seeded(flint.compiler.SeededBug.BOUNDS_CHECK_OFF_BY_ONE);
        this.floats = new FloatSelector(asm, ra, moves);
        this.conversions = new FloatConversions(asm, ra, moves, traps);
        this.calls = new CallSequence(asm, ra, moves, frame);
        var helpers = new RuntimeCalls(asm, ra, moves, traps);
        this.tables = new TableSelector(asm, ra, moves, traps, calls, helpers, layout, hasMemory);
        this.bulk = new BulkMemory(helpers);
    }

    /** Emits {@code op}, which is not a block or jump operator. */
    public void emit(MicroOp op) {
        switch (op) {
            case MicroOp.Pick p -> ra.pick(p.depth());
            case MicroOp.Swap s -> ra.swap(s.depth());
            case MicroOp.Drop d -> ra.drop(d.range());
            case MicroOp.I32Const c -> ra.pushConst(IntType.I32, c.value());
            case MicroOp.I64Const c -> ra.pushConst(IntType.I64, c.value());
            case MicroOp.IntUnary u -> unary(u);
            case MicroOp.IntBinary b -> binary(b.type(), b.op());
            case MicroOp.IntCompare c -> compare(c);
            case MicroOp.IntEqz e -> eqz(e.type());
            case MicroOp.SignExtend s -> signExtend(s);
            case MicroOp.Wrap w -> wrap();
            case MicroOp.ExtendI32 e -> extend(e.signed());
            case MicroOp.Select s -> {
                var type = StackEntry.machineType(s.type());
                if (!type.isInteger()) floats.select(type);
                else select(IntType.of(type));
            }
            case MicroOp.Load l -> load(l);
            case MicroOp.Store s -> store(s);
            case MicroOp.MemorySize m -> memorySize();
            case MicroOp.MemoryGrow m -> memoryGrow();
            case MicroOp.GlobalGet g -> globalGet(g.global(), StackEntry.machineType(g.type()));
            case MicroOp.GlobalSet g -> globalSet(g.global(), StackEntry.machineType(g.type()));
            case MicroOp.F32Const c -> ra.pushConst(NumType.F32, c.bits());
            case MicroOp.F64Const c -> ra.pushConst(NumType.F64, c.bits());
            case MicroOp.FloatUnary u -> floats.unary(u.type(), u.op());
            case MicroOp.FloatBinary b -> floats.binary(b.type(), b.op());
            case MicroOp.FloatCompare c -> floats.compare(c.type(), c.condition());
            case MicroOp.FloatConvert c -> floats.convert(c.to());
            case MicroOp.IntToFloat c -> conversions.intToFloat(c.from(), c.to(), c.signed());
            case MicroOp.FloatToInt t -> conversions.floatToInt(t.from(), t.to(), t.signed(), t.saturating());
            case MicroOp.Reinterpret r -> conversions.reinterpret(r.to());
            case MicroOp.FloatLoad l -> floatLoad(l);
            case MicroOp.FloatStore s -> floatStore(s);
            case MicroOp.Call c -> call(c);
            case MicroOp.RefNull r -> tables.refNull();
            case MicroOp.RefIsNull r -> tables.refIsNull();
            case MicroOp.RefFunc r -> tables.refFunc(r.function());
            case MicroOp.CallIndirect c -> tables.callIndirect(c);
            case MicroOp.TableGet t -> tables.get(t.table());
            case MicroOp.TableSet t -> tables.set(t.table());
            case MicroOp.TableSize t -> tables.size(t.table());
            case MicroOp.TableGrow t -> tables.grow(t.table());
            case MicroOp.TableFill t -> tables.fill(t.table());
            case MicroOp.TableCopy t -> tables.copy(t.dstTable(), t.srcTable());
            case MicroOp.TableInit t -> tables.init(t.table(), t.segment());
            case MicroOp.ElemDrop e -> tables.elemDrop(e.segment());
            case MicroOp.MemoryCopy m -> bulk.copy(m.dstMemory(), m.srcMemory());
            case MicroOp.MemoryFill m -> bulk.fill(m.memory());
            case MicroOp.MemoryInit m -> bulk.init(m.memory(), m.segment());
            case MicroOp.DataDrop d -> bulk.dataDrop(d.segment());
            default -> throw new IllegalArgumentException("not a straight-line operator: " + op);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Size size(IntType type) {
        return Moves.size(type.valType());
    }

    private void push(Gpr r, IntType type) {
        ra.push(new StackEntry(Location.reg(r), type.valType()));
    }

    private static boolean isConst(StackEntry e) {
        return e.location() instanceof Location.Const;
    }

    private static long constValue(StackEntry e) {
        return ((Location.Const) e.location()).value();
    }

    /** Whether {@code e} is a constant usable as the sign-extended imm32 of a {@code type} instruction. */
    private static boolean isImm(StackEntry e) {
        if (!(e.location() instanceof Location.Const(long v))) return false;
        return e.type() == NumType.I32 || v == (int) v;
    }

    /** {@code e} as a register or memory operand; a constant goes to {@link Moves#TEMP}. */
    private GprMem operandOrTemp(StackEntry e) {
        if (e.location() instanceof Location.Const(long v)) {
            moves.load(Moves.TEMP, e.location(), e.type());
            return Moves.TEMP;
        }
        return Moves.operand(e.location());
    }

    /** The register an operation on {@code e} may write its result to: e's own if unshared, else a new one. */
    private Gpr resultFor(StackEntry e) {
        if (e.location() instanceof Location.Reg(Gpr r) && ra.refs(r) == 1) return r;
        return ra.allocate();
    }

    /** Drops the hold on {@code e} unless its register became the result {@code result}. */
    private void releaseUnless(StackEntry e, Gpr result) {
        if (!(e.location() instanceof Location.Reg(Gpr r) && r == result)) ra.release(e);
    }

    // ---------------------------------------------------------------- arithmetic

    private void binary(IntType type, IntBinaryOp op) {
        var rhs = ra.stack().peek(0);
        var lhs = ra.stack().peek(1);
        if (isConst(lhs) && isConst(rhs) && !IntSemantics.divisionTraps(type, op, constValue(lhs), constValue(rhs))) {
            ra.pop();
            ra.pop();
            ra.pushConst(type, IntSemantics.binary(type, op, constValue(lhs), constValue(rhs)));
            return;
        }
        switch (op.kind()) {
            case ARITHMETIC, BITWISE -> {
                if (op == IntBinaryOp.MUL) multiply(type);
                else alu(type, op);
            }
            case SHIFT -> shift(type, op);
            case DIVISION -> divide(type, op);
        }
    }

    private static AluOp aluOp(IntBinaryOp op) {
        return switch (op) {
            case ADD -> AluOp.ADD;
            case SUB -> AluOp.SUB;
            case AND -> AluOp.AND;
            case OR -> AluOp.OR;
            case XOR -> AluOp.XOR;
            default -> throw new IllegalArgumentException(op.text());
        };
    }

    /** Whether {@code e} is in a register nothing else refers to (so it may be overwritten). */
    private boolean ownsRegister(StackEntry e) {
        return e.location() instanceof Location.Reg(Gpr r) && ra.refs(r) == 1;
    }

    private void alu(IntType type, IntBinaryOp op) {
        var rhs = ra.pop();
        var lhs = ra.pop();
        if (op.isCommutative() && (isConst(lhs) && !isConst(rhs) || !ownsRegister(lhs) && ownsRegister(rhs))) {
            var t = lhs;
            lhs = rhs;
            rhs = t;
        }
        Size size = size(type);
        if (rhs.location() instanceof Location.Const(long v)) {
            long m = type == IntType.I32 ? (int) v : v;
            boolean identity = switch (op) {
                case ADD, SUB, OR, XOR -> m == 0;
                case AND -> m == -1;
                default -> false;
            };
            if (identity) {
                ra.push(lhs);
                return;
            }
            if (op == IntBinaryOp.ADD && isImm(rhs) && lhs.location() instanceof Location.Reg(Gpr r) && ra.refs(r) > 1) {
                // a shared register: lea computes into a new one without copying first
                var d = ra.allocate();
                asm.lea(size, d, Mem.of(r, (int) m));
                ra.release(lhs);
                push(d, type);
                return;
            }
        }
        var dst = ra.exclusive(lhs);
        var aop = aluOp(op);
        switch (rhs.location()) {
            case Location.Const(long v) -> {
                if (isImm(rhs)) {
                    asm.alu(aop, size, dst, (int) v);
                } else {
                    moves.load(Moves.TEMP, rhs.location(), type.valType());
                    asm.alu(aop, size, dst, Moves.TEMP);
                }
            }
            case Location.Reg(Gpr r) -> asm.alu(aop, size, dst, r);
            case Location.Slot s -> asm.alu(aop, size, dst, Frame.mem(s));
            case Location.Flags f -> throw new IllegalStateException("flags operand");
            case Location.XReg x -> throw new IllegalStateException("an integer in " + x);
        }
        ra.release(rhs);
        push(dst, type);
    }

    private void multiply(IntType type) {
        var rhs = ra.pop();
        var lhs = ra.pop();
        if (isConst(lhs) && !isConst(rhs) || !isConst(rhs) && !ownsRegister(lhs) && ownsRegister(rhs)) {
            var t = lhs;
            lhs = rhs;
            rhs = t;
        }
        Size size = size(type);
        if (isImm(rhs)) {
            long v = constValue(rhs);
            if ((type == IntType.I32 ? (int) v : v) == 1) {
                ra.push(lhs);
                return;
            }
            var src = Moves.operand(lhs.location());
            var dst = resultFor(lhs);
            asm.imul(size, dst, src, (int) v);
            releaseUnless(lhs, dst);
            push(dst, type);
            return;
        }
        var dst = ra.exclusive(lhs);
        asm.imul(size, dst, operandOrTemp(rhs));
        ra.release(rhs);
        push(dst, type);
    }

    private void shift(IntType type, IntBinaryOp op) {
        Size size = size(type);
        var sop = switch (op) {
            case SHL -> ShiftOp.SHL;
            case SHR_S -> seededShrS ? ShiftOp.SHR : ShiftOp.SAR;
            case SHR_U -> ShiftOp.SHR;
            case ROTL -> ShiftOp.ROL;
            case ROTR -> ShiftOp.ROR;
            default -> throw new IllegalArgumentException(op.text());
        };
        var count = ra.stack().peek(0);
        if (count.location() instanceof Location.Const(long v)) {
            ra.pop();
            var lhs = ra.pop();
            int c = (int) (v & (type.bits() - 1));
            if (c == 0) {
                ra.push(lhs);
                return;
            }
            var dst = ra.exclusive(lhs);
            asm.shift(sop, size, dst, c);
            push(dst, type);
            return;
        }
        // The count must be in CL.
        boolean alreadyInRcx = count.location() instanceof Location.Reg(Gpr r) && r == Gpr.RCX && ra.refs(Gpr.RCX) == 1;
        StackEntry countEntry;
        if (alreadyInRcx) {
            countEntry = ra.pop();
        } else {
            ra.reserve(Gpr.RCX, null);
            var c = ra.pop();
            moves.load(Gpr.RCX, c.location(), NumType.I32);
            ra.release(c);
            countEntry = new StackEntry(Location.reg(Gpr.RCX), NumType.I32);
        }
        var lhs = ra.pop();
        var dst = ra.exclusive(lhs);
        asm.shiftCl(sop, size, dst);
        ra.release(countEntry);
        push(dst, type);
    }

    private void divide(IntType type, IntBinaryOp op) {
        Size size = size(type);
        var divisorEntry = ra.stack().peek(0);
        boolean signed = op == IntBinaryOp.DIV_S || op == IntBinaryOp.REM_S;
        boolean remainder = op == IntBinaryOp.REM_S || op == IntBinaryOp.REM_U;
        if (divisorEntry.location() instanceof Location.Const(long raw)) {
            long c = type == IntType.I32 ? (signed ? (int) raw : raw & 0xFFFF_FFFFL) : raw;
            if (c == 0) {
                ra.release(ra.pop());
                ra.release(ra.pop());
                traps.jump(WasmTrap.INTEGER_DIVIDE_BY_ZERO);
                ra.pushConst(type, 0); // never reached; keeps the stack typed
                return;
            }
            if (op == IntBinaryOp.REM_S && c == -1) {
                ra.release(ra.pop());
                ra.release(ra.pop());
                ra.pushConst(type, 0);
                return;
            }
            if (!signed && Long.bitCount(c) == 1) {
                ra.pop();
                var lhs = ra.pop();
                int shift = Long.numberOfTrailingZeros(c);
                if (!remainder && shift == 0) {
                    ra.push(lhs);
                    return;
                }
                var dst = ra.exclusive(lhs);
                if (remainder) {
                    if (c - 1 == (int) (c - 1)) {
                        asm.alu(AluOp.AND, size, dst, (int) (c - 1));
                    } else {
                        asm.movImm(Size.S64, Moves.TEMP, c - 1);
                        asm.alu(AluOp.AND, size, dst, Moves.TEMP);
                    }
                } else {
                    asm.shift(ShiftOp.SHR, size, dst, shift);
                }
                push(dst, type);
                return;
            }
        }
        ra.reserve(Gpr.RAX, Gpr.RDX);
        ra.reserve(Gpr.RDX, Gpr.RAX);
        var divisor = ra.pop();
        var dividend = ra.pop();
        boolean constDivisor = isConst(divisor);
        long c = constDivisor ? constValue(divisor) : 0;
        if (constDivisor && type == IntType.I32) c = (int) c;
        GprMem d = operandOrTemp(divisor);
        moves.load(Gpr.RAX, dividend.location(), type.valType());
        ra.release(dividend);
        if (!constDivisor) {
            if (d instanceof Gpr g) asm.test(size, g, g);
            else asm.cmp(size, d, 0);
            traps.branch(Cond.E, WasmTrap.INTEGER_DIVIDE_BY_ZERO);
        }
        if (signed) {
            boolean mayBeMinusOne = !constDivisor || c == -1;
            if (remainder) {
                if (mayBeMinusOne) {
                    var divide = asm.newLabel();
                    var done = asm.newLabel();
                    asm.cmp(size, d, -1);
                    asm.jcc(Cond.NE, divide);
                    asm.movImm(Size.S32, Gpr.RDX, 0);
                    asm.jmp(done);
                    asm.bind(divide);
                    signExtendRax(type);
                    asm.idiv(size, d);
                    asm.bind(done);
                } else {
                    signExtendRax(type);
                    asm.idiv(size, d);
                }
            } else {
                if (mayBeMinusOne) {
                    var divide = asm.newLabel();
                    if (!constDivisor) {
                        asm.cmp(size, d, -1);
                        asm.jcc(Cond.NE, divide);
                    }
                    if (type == IntType.I32) {
                        asm.cmp(Size.S32, Gpr.RAX, Integer.MIN_VALUE);
                    } else {
                        asm.movImm(Size.S64, Gpr.RDX, Long.MIN_VALUE);
                        asm.cmp(Size.S64, Gpr.RAX, Gpr.RDX);
                    }
                    traps.branch(Cond.E, WasmTrap.INTEGER_OVERFLOW);
                    asm.bind(divide);
                }
                signExtendRax(type);
                asm.idiv(size, d);
            }
        } else {
            asm.movImm(Size.S32, Gpr.RDX, 0);
            asm.div(size, d);
        }
        ra.release(divisor);
        if (remainder) {
            ra.release(Gpr.RAX);
            push(Gpr.RDX, type);
        } else {
            ra.release(Gpr.RDX);
            push(Gpr.RAX, type);
        }
    }

    private void signExtendRax(IntType type) {
        if (type == IntType.I32) asm.cdq();
        else asm.cqo();
    }

    private void unary(MicroOp.IntUnary u) {
        var type = u.type();
        var e = ra.pop();
        if (e.location() instanceof Location.Const(long v)) {
            ra.pushConst(type, IntSemantics.unary(type, u.op(), v));
            return;
        }
        Size size = size(type);
        var src = Moves.operand(e.location());
        var features = asm.features();
        var dst = resultFor(e);
        switch (u.op()) {
            case CLZ -> {
                if (features.has(CpuFeature.LZCNT)) {
                    asm.lzcnt(size, dst, src);
                } else {
                    // bsr gives the index of the highest set bit (ZF and an undefined result for 0):
                    // clz = (bits - 1) - index, and 0 maps to index -1.
                    asm.bsr(size, dst, src);
                    asm.movImm(Size.S64, Moves.TEMP, -1);
                    asm.cmov(Cond.E, size, dst, Moves.TEMP);
                    asm.neg(size, dst);
                    asm.alu(AluOp.ADD, size, dst, type.bits() - 1);
                }
            }
            case CTZ -> {
                if (features.has(CpuFeature.BMI1)) {
                    asm.tzcnt(size, dst, src);
                } else {
                    asm.bsf(size, dst, src);
                    asm.movImm(Size.S32, Moves.TEMP, type.bits());
                    asm.cmov(Cond.E, size, dst, Moves.TEMP);
                }
            }
            case POPCNT -> {
                if (features.has(CpuFeature.POPCNT)) {
                    asm.popcnt(size, dst, src);
                } else {
                    popcountFallback(size, dst, src);
                }
            }
        }
        releaseUnless(e, dst);
        push(dst, type);
    }

    /** The classic SWAR population count, for CPUs without {@code popcnt}. */
    private void popcountFallback(Size size, Gpr dst, GprMem src) {
        Gpr t = Moves.TEMP;
        Gpr s = Moves.SCRATCH;
        if (!src.equals(dst)) asm.mov(size, dst, src);
        boolean wide = size == Size.S64;
        // dst = dst - ((dst >> 1) & 0x55..)
        asm.mov(size, t, dst);
        asm.shift(ShiftOp.SHR, size, t, 1);
        asm.movImm(size, s, wide ? 0x5555555555555555L : 0x55555555L);
        asm.alu(AluOp.AND, size, t, s);
        asm.alu(AluOp.SUB, size, dst, t);
        // dst = (dst & 0x33..) + ((dst >> 2) & 0x33..)
        asm.movImm(size, s, wide ? 0x3333333333333333L : 0x33333333L);
        asm.mov(size, t, dst);
        asm.alu(AluOp.AND, size, t, s);
        asm.shift(ShiftOp.SHR, size, dst, 2);
        asm.alu(AluOp.AND, size, dst, s);
        asm.alu(AluOp.ADD, size, dst, t);
        // dst = (dst + (dst >> 4)) & 0x0f..
        asm.mov(size, t, dst);
        asm.shift(ShiftOp.SHR, size, t, 4);
        asm.alu(AluOp.ADD, size, dst, t);
        asm.movImm(size, s, wide ? 0x0F0F0F0F0F0F0F0FL : 0x0F0F0F0FL);
        asm.alu(AluOp.AND, size, dst, s);
        // dst = (dst * 0x01..) >> (bits - 8)
        asm.movImm(size, s, wide ? 0x0101010101010101L : 0x01010101L);
        asm.imul(size, dst, s);
        asm.shift(ShiftOp.SHR, size, dst, wide ? 56 : 24);
    }

    // ---------------------------------------------------------------- comparisons

    private void compare(MicroOp.IntCompare c) {
        var type = c.type();
        var rhs = ra.pop();
        var lhs = ra.pop();
        var cond = c.condition();
        if (isConst(lhs) && isConst(rhs)) {
            ra.pushConst(IntType.I32, IntSemantics.compare(type, cond, constValue(lhs), constValue(rhs)) ? 1 : 0);
            return;
        }
        if (isConst(lhs)) {
            var t = lhs;
            lhs = rhs;
            rhs = t;
            cond = cond.swapOperands();
        }
        Size size = size(type);
        if (isImm(rhs)) {
            asm.cmp(size, Moves.operand(lhs.location()), (int) constValue(rhs));
        } else if (lhs.location() instanceof Location.Reg(Gpr l)) {
            switch (rhs.location()) {
                case Location.Reg(Gpr r) -> asm.cmp(size, l, r);
                case Location.Slot s -> asm.cmp(size, l, Frame.mem(s));
                default -> {
                    moves.load(Moves.TEMP, rhs.location(), type.valType());
                    asm.cmp(size, l, Moves.TEMP);
                }
            }
        } else if (rhs.location() instanceof Location.Reg(Gpr r)) {
            asm.cmp(size, Moves.operand(lhs.location()), r);
        } else {
            // memory against memory or a wide constant
            moves.load(Moves.TEMP, rhs.location(), type.valType());
            asm.cmp(size, Moves.operand(lhs.location()), Moves.TEMP);
        }
        ra.release(lhs);
        ra.release(rhs);
        if (cond == IntCondition.LT_S && seededLtS) cond = IntCondition.LE_S;
        ra.push(new StackEntry(new Location.Flags(Conditions.of(cond)), NumType.I32));
    }

    private void eqz(IntType type) {
        var e = ra.pop();
        switch (e.location()) {
            case Location.Flags(Cond cond) -> {
                ra.push(e.at(new Location.Flags(cond.negate())));
                return;
            }
            case Location.Const(long v) -> {
                ra.pushConst(IntType.I32, (type == IntType.I32 ? (int) v == 0 : v == 0) ? 1 : 0);
                return;
            }
            case Location.Reg(Gpr r) -> asm.test(size(type), r, r);
            case Location.Slot s -> asm.cmp(size(type), Frame.mem(s), 0);
            case Location.XReg x -> throw new IllegalStateException("an integer in " + x);
        }
        ra.release(e);
        ra.push(new StackEntry(new Location.Flags(Cond.E), NumType.I32));
    }

    private void select(IntType type) {
        var c = ra.pop();
        var b = ra.pop();
        var a = ra.pop();
        if (c.location() instanceof Location.Const(long v)) {
            var keep = (int) v != 0 ? a : b;
            ra.release((int) v != 0 ? b : a);
            ra.push(keep);
            return;
        }
        Size size = size(type);
        // Only moves from here to the cmov: the flags of a fused comparison must survive.
        var dst = ra.exclusive(b);
        GprMem src = switch (a.location()) {
            case Location.Const(long v) -> {
                moves.load(Moves.TEMP, a.location(), type.valType());
                yield Moves.TEMP;
            }
            default -> Moves.operand(a.location());
        };
        Cond cond = Conditions.truth(asm, c.location());
        asm.cmov(cond, size, dst, src);
        ra.release(a);
        ra.release(c);
        push(dst, type);
    }

    // ---------------------------------------------------------------- conversions

    private void signExtend(MicroOp.SignExtend s) {
        var type = s.type();
        var e = ra.pop();
        if (e.location() instanceof Location.Const(long v)) {
            ra.pushConst(type, IntSemantics.signExtend(type, s.from(), v));
            return;
        }
        var src = Moves.operand(e.location());
        var dst = resultFor(e);
        Size to = size(type);
        switch (s.from()) {
            case B8 -> asm.movsx(to, dst, Size.S8, src);
            case B16 -> asm.movsx(to, dst, Size.S16, src);
            case B32 -> asm.movsxd(dst, src);
            case B64 -> throw new IllegalArgumentException("extend64");
        }
        releaseUnless(e, dst);
        push(dst, type);
    }

    private void wrap() {
        var e = ra.pop();
        switch (e.location()) {
            case Location.Const(long v) -> ra.pushConst(IntType.I32, (int) v);
            // a slot's low 4 bytes are the wrapped value already
            case Location.Slot s -> ra.push(new StackEntry(s, NumType.I32));
            case Location.Reg(Gpr r) -> {
                var dst = resultFor(e);
                asm.mov(Size.S32, dst, r); // clears bits 32-63
                releaseUnless(e, dst);
                push(dst, IntType.I32);
            }
            case Location.Flags f -> throw new IllegalStateException("wrap of flags");
            case Location.XReg x -> throw new IllegalStateException("an integer in " + x);
        }
    }

    private void extend(boolean signed) {
        var e = ra.pop();
        if (e.location() instanceof Location.Const(long v)) {
            ra.pushConst(IntType.I64, signed ? (long) (int) v : v & 0xFFFF_FFFFL);
            return;
        }
        if (!signed && e.location() instanceof Location.Reg) {
            // i32 values in registers are kept zero-extended: the register already holds the i64
            ra.push(new StackEntry(e.location(), NumType.I64));
            return;
        }
        var src = Moves.operand(e.location());
        var dst = resultFor(e);
        if (signed) asm.movsxd(dst, src);
        else asm.mov(Size.S32, dst, (flint.compiler.x64.asm.Operand) src);
        releaseUnless(e, dst);
        push(dst, IntType.I64);
    }

    // ---------------------------------------------------------------- memory

    /**
     * Checks that {@code [address + offset, address + offset + bytes)} lies in memory 0 and returns
     * the operand that addresses it. The address is an i32, zero-extended; the sums are 64-bit.
     * Uses {@link Moves#SCRATCH}; the returned operand may use it and {@code address}'s register.
     */
    private Mem access(StackEntry address, long offset, int bytes) {
        var length = Mem.of(Abi.VMCTX, Abi.MEMORY0_LENGTH);
        if (address.location() instanceof Location.Const(long v)) {
            long ea = (v & 0xFFFF_FFFFL) + offset;
            long end = ea + bytes;
            if (end <= Integer.MAX_VALUE) {
                asm.cmp(Size.S64, length, (int) end);
                traps.branch(Cond.B, WasmTrap.OUT_OF_BOUNDS_MEMORY);
                return Mem.of(Abi.MEMORY_BASE, (int) ea);
            }
            asm.movImm(Size.S64, Moves.SCRATCH, end);
            asm.cmp(Size.S64, Moves.SCRATCH, length);
            traps.branch(Cond.A, WasmTrap.OUT_OF_BOUNDS_MEMORY);
            return Mem.of(Abi.MEMORY_BASE, Moves.SCRATCH, 1, -bytes);
        }
        Gpr a = ((Location.Reg) address.location()).gpr();
        long end = offset + bytes + (seededBounds ? 1 : 0);
        if (end <= Integer.MAX_VALUE) {
            asm.lea(Size.S64, Moves.SCRATCH, Mem.of(a, (int) end));
        } else {
            asm.movImm(Size.S64, Moves.SCRATCH, end);
            asm.alu(AluOp.ADD, Size.S64, Moves.SCRATCH, a);
        }
        asm.cmp(Size.S64, Moves.SCRATCH, length);
        traps.branch(Cond.A, WasmTrap.OUT_OF_BOUNDS_MEMORY);
        return offset <= Integer.MAX_VALUE
                ? Mem.of(Abi.MEMORY_BASE, a, 1, (int) offset)
                : Mem.of(Abi.MEMORY_BASE, Moves.SCRATCH, 1, -bytes);
    }

    /** The address operand of a load or store in a register (or a constant), held. */
    private StackEntry addressOperand(StackEntry address) {
        if (address.location() instanceof Location.Slot) {
            var r = ra.inRegister(address);
            return new StackEntry(Location.reg(r), NumType.I32);
        }
        return address;
    }

    private static Size accessSize(Width w) {
        return switch (w) {
            case B8 -> Size.S8;
            case B16 -> Size.S16;
            case B32 -> Size.S32;
            case B64 -> Size.S64;
        };
    }

    private void load(MicroOp.Load l) {
        var address = addressOperand(ra.pop());
        var mem = access(address, l.memArg().offset(), l.width().bytes());
        var dst = address.location() instanceof Location.Reg ? resultFor(address) : ra.allocate();
        var type = l.type();
        switch (l.width()) {
            case B8, B16 -> {
                if (l.signed()) asm.movsx(size(type), dst, accessSize(l.width()), mem);
                else asm.movzx(Size.S32, dst, accessSize(l.width()), mem);
            }
            case B32 -> {
                if (type == IntType.I64 && l.signed()) asm.movsxd(dst, mem);
                else asm.mov(Size.S32, dst, mem);
            }
            case B64 -> asm.mov(Size.S64, dst, mem);
        }
        releaseUnless(address, dst);
        push(dst, type);
    }

    private void store(MicroOp.Store s) {
        var value = ra.pop();
        var address = addressOperand(ra.pop());
        var mem = access(address, s.memArg().offset(), s.width().bytes());
        Size size = accessSize(s.width());
        switch (value.location()) {
            case Location.Const(long v) -> {
                if (size != Size.S64 || v == (int) v) {
                    long imm = switch (size) {
                        case S8 -> (byte) v;
                        case S16 -> (short) v;
                        case S32 -> (int) v;
                        case S64 -> v;
                    };
                    asm.movImm(size, mem, imm);
                } else {
                    asm.movImm(Size.S64, Moves.TEMP, v);
                    asm.mov(Size.S64, mem, Moves.TEMP);
                }
            }
            case Location.Reg(Gpr r) -> asm.mov(size, mem, r);
            case Location.Slot slot -> {
                asm.mov(size == Size.S64 ? Size.S64 : Size.S32, Moves.TEMP, Frame.mem(slot));
                asm.mov(size, mem, Moves.TEMP);
            }
            case Location.Flags f -> throw new IllegalStateException("store of flags");
            case Location.XReg x -> throw new IllegalStateException("an integer in " + x);
        }
        ra.release(value);
        ra.release(address);
    }

    private void floatLoad(MicroOp.FloatLoad l) {
        var address = addressOperand(ra.pop());
        var mem = access(address, l.memArg().offset(), l.type().bytes());
        var dst = ra.allocateXmm();
        if (l.type() == FloatType.F64) asm.movsd(dst, mem);
        else asm.movss(dst, mem);
        ra.release(address);
        ra.push(new StackEntry(Location.xreg(dst), l.type().valType()));
    }

    private void floatStore(MicroOp.FloatStore s) {
        var value = ra.pop();
        var address = addressOperand(ra.pop());
        var mem = access(address, s.memArg().offset(), s.type().bytes());
        // the bits as they are: a slot's go through a GPR, a constant is an immediate
        moves.store(mem, value.location(), s.type().valType());
        ra.release(value);
        ra.release(address);
    }

    private void memorySize() {
        var dst = ra.allocate();
        asm.mov(Size.S64, dst, Mem.of(Abi.VMCTX, Abi.MEMORY0_LENGTH));
        asm.shift(ShiftOp.SHR, Size.S64, dst, 16);
        push(dst, IntType.I32);
    }

    private void memoryGrow() {
        var delta = ra.pop();
        ra.spillAll();
        moves.load(Gpr.RDX, delta.location(), NumType.I32);
        ra.release(delta);
        AbiSequences.memoryGrow(asm, 0);
        ra.reserve(Gpr.RAX, null);
        asm.mov(Size.S32, Gpr.RAX, Gpr.RAX);
        push(Gpr.RAX, IntType.I32);
    }

    // ---------------------------------------------------------------- globals

    private Mem global(int g) {
        int at = layout.global(g);
        if (layout.isGlobalImported(g)) {
            asm.mov(Size.S64, Moves.SCRATCH, Mem.of(Abi.VMCTX, at));
            return Mem.of(Moves.SCRATCH);
        }
        return Mem.of(Abi.VMCTX, at);
    }

    private void globalGet(int g, NumType type) {
        var mem = global(g);
        if (!type.isInteger()) {
            var dst = ra.allocateXmm();
            if (type == NumType.F64) asm.movsd(dst, mem);
            else asm.movss(dst, mem);
            ra.push(new StackEntry(Location.xreg(dst), type));
            return;
        }
        var dst = ra.allocate();
        asm.mov(Moves.size(type), dst, mem);
        ra.push(new StackEntry(Location.reg(dst), type));
    }

    private void globalSet(int g, NumType type) {
        var value = ra.pop();
        moves.store(global(g), value.location(), type);
        ra.release(value);
    }

    // ---------------------------------------------------------------- calls

    private void call(MicroOp.Call c) {
        var type = c.type();
        calls.storeArguments(type);
        ra.spillAll();
        if (c.function() < importedFunctions) {
            AbiSequences.callImport(asm, layout, c.function(), hasMemory);
        } else {
            asm.callFunction(c.function()); // a relocation: the code of a function does not depend on where the others are
        }
        calls.pushResults(type);
    }
}

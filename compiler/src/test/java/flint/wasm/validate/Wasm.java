package flint.wasm.validate;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.BlockType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.FuncType;
import flint.wasm.model.HeapType;
import flint.wasm.model.Instruction;
import flint.wasm.model.MemArg;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.model.WasmModule;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Short names for building test modules and asserting validation outcomes. */
final class Wasm {
    private Wasm() {}

    static final NumType I32 = NumType.I32;
    static final NumType I64 = NumType.I64;
    static final NumType F32 = NumType.F32;
    static final NumType F64 = NumType.F64;
    static final VecType V128 = VecType.V128;
    static final RefType FUNCREF = RefType.FUNCREF;
    static final RefType EXTERNREF = RefType.EXTERNREF;
    static final RefType EXNREF = RefType.EXNREF;

    static List<ValType> types(ValType... ts) { return List.of(ts); }

    static FuncType fn(List<ValType> params, List<ValType> results) { return FuncType.of(params, results); }

    static final FuncType VOID = FuncType.EMPTY;

    static RefType ref(int typeIndex) { return new RefType(false, new ConcreteHeapType(typeIndex)); }

    static RefType refNull(int typeIndex) { return new RefType(true, new ConcreteHeapType(typeIndex)); }

    static RefType ref(HeapType h) { return new RefType(false, h); }

    static RefType refNull(HeapType h) { return new RefType(true, h); }

    // ---- Instructions ----

    static Instruction op(Opcode op) { return Instruction.plain(op); }

    static Instruction i32(int v) { return Instruction.i32(v); }

    static Instruction i64(long v) { return Instruction.i64(v); }

    static Instruction f32(float v) { return Instruction.f32(v); }

    static Instruction f64(double v) { return Instruction.f64(v); }

    static Instruction v128() { return new Instruction.V128Const(0, 0); }

    static Instruction ix(Opcode op, int index) { return Instruction.indexed(op, index); }

    static Instruction two(Opcode op, int first, int second) { return new Instruction.TwoIndex(op, first, second); }

    static Instruction get(int i) { return ix(Opcode.LOCAL_GET, i); }

    static Instruction set(int i) { return ix(Opcode.LOCAL_SET, i); }

    static Instruction tee(int i) { return ix(Opcode.LOCAL_TEE, i); }

    static Instruction gget(int i) { return ix(Opcode.GLOBAL_GET, i); }

    static Instruction gset(int i) { return ix(Opcode.GLOBAL_SET, i); }

    static Instruction call(int f) { return ix(Opcode.CALL, f); }

    static Instruction br(int l) { return ix(Opcode.BR, l); }

    static Instruction brIf(int l) { return ix(Opcode.BR_IF, l); }

    static Instruction brTable(int defaultLabel, Integer... labels) { return new Instruction.BrTable(List.of(labels), defaultLabel); }

    static Instruction block(ValType... results) { return new Instruction.Block(Opcode.BLOCK, blockType(results)); }

    static Instruction loop(ValType... results) { return new Instruction.Block(Opcode.LOOP, blockType(results)); }

    static Instruction if_(ValType... results) { return new Instruction.Block(Opcode.IF, blockType(results)); }

    static Instruction block(Opcode kind, int typeIndex) { return new Instruction.Block(kind, new BlockType.TypeIndex(typeIndex)); }

    static Instruction refNullOf(HeapType h) { return new Instruction.RefNull(h); }

    static Instruction mem(Opcode op, int alignLog2, long offset, int memory) {
        return new Instruction.Memory(op, new MemArg(alignLog2, offset, memory));
    }

    static Instruction mem(Opcode op) { return new Instruction.Memory(op, MemArg.natural(op)); }

    static final Instruction END = Instruction.END;
    static final Instruction ELSE = op(Opcode.ELSE);
    static final Instruction DROP = op(Opcode.DROP);
    static final Instruction UNREACHABLE = op(Opcode.UNREACHABLE);
    static final Instruction RETURN = op(Opcode.RETURN);
    static final Instruction SELECT = op(Opcode.SELECT);
    static final Instruction NOP = op(Opcode.NOP);

    private static BlockType blockType(ValType... results) {
        return switch (results.length) {
            case 0 -> BlockType.EMPTY;
            case 1 -> BlockType.of(results[0]);
            default -> throw new IllegalArgumentException("use a type index for multi-value blocks");
        };
    }

    // ---- Modules ----

    static WasmModule module(Consumer<ModuleBuilder> setup) {
        var b = new ModuleBuilder();
        setup.accept(b);
        return b.build();
    }

    /** A module with one function of type {@code type} and the given body (without the final end). */
    static WasmModule func(FuncType type, List<ValType> locals, Instruction... body) {
        return module(b -> b.function(type, locals, List.of(body)));
    }

    static WasmModule func(FuncType type, Instruction... body) { return func(type, List.of(), body); }

    // ---- Assertions ----

    static ModuleContext assertValid(WasmModule m) {
        try {
            return Validator.validate(m);
        } catch (InvalidModuleException e) {
            throw new AssertionError("expected a valid module, got: " + e.getMessage(), e);
        }
    }

    /** Asserts the module is invalid with a message starting with {@code prefix} (the testsuite's matching rule). */
    static InvalidModuleException assertInvalid(String prefix, WasmModule m) {
        var e = assertThrows(InvalidModuleException.class, () -> Validator.validate(m));
        assertTrue(e.getMessage().startsWith(prefix), () -> "expected \"" + prefix + "\", got \"" + e.getMessage() + "\"");
        assertTrue(e.reason().startsWith(prefix), () -> "reason \"" + e.reason() + "\"");
        return e;
    }

    static void validBody(FuncType type, Instruction... body) { assertValid(func(type, body)); }

    static InvalidModuleException invalidBody(String prefix, FuncType type, Instruction... body) {
        return assertInvalid(prefix, func(type, body));
    }

    static Instruction[] concat(Instruction[] a, Instruction... b) {
        var r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

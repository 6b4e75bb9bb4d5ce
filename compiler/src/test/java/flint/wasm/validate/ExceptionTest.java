package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.BlockType;
import flint.wasm.model.Catch;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exception handling: tags, throw, throw_ref and try_table's catch clauses. */
class ExceptionTest {
    private static final flint.wasm.model.RefType REF_EXN = ref(AbsHeapType.EXN);

    private static Instruction tryTable(BlockType type, Catch... catches) {
        return new Instruction.TryTable(type, List.of(catches));
    }

    @Test
    void throwPopsTheTagParameters() {
        assertValid(module(b -> {
            int tag = b.tag(fn(types(I32, F64), types()));
            b.function(VOID, List.of(i32(1), f64(2), ix(Opcode.THROW, tag)));
        }));
        assertInvalid("type mismatch: instruction requires [i32] but stack has []", module(b -> {
            int tag = b.tag(fn(types(I32), types()));
            b.function(VOID, List.of(ix(Opcode.THROW, tag)));
        }));
        assertInvalid("type mismatch: instruction requires [i32] but stack has [i64]", module(b -> {
            int tag = b.tag(fn(types(I32), types()));
            b.function(VOID, List.of(i64(5), ix(Opcode.THROW, tag)));
        }));
        invalidBody("unknown tag 0", VOID, ix(Opcode.THROW, 0));
    }

    @Test
    void throwEndsTheBlock() {
        assertValid(module(b -> {
            int tag = b.tag(VOID);
            b.function(fn(types(), types(I32)), List.of(ix(Opcode.THROW, tag), op(Opcode.I64_ADD), DROP, i32(0)));
        }));
    }

    @Test
    void throwRefNeedsAnExnref() {
        validBody(VOID, refNullOf(AbsHeapType.EXN), op(Opcode.THROW_REF));
        validBody(VOID, refNullOf(AbsHeapType.NOEXN), op(Opcode.THROW_REF));
        invalidBody("type mismatch", VOID, op(Opcode.THROW_REF));
        invalidBody("type mismatch", VOID, block(), op(Opcode.THROW_REF), END);
        invalidBody("type mismatch", VOID, refNullOf(AbsHeapType.EXTERN), op(Opcode.THROW_REF));
    }

    @Test
    void tryTableIsABlock() {
        validBody(fn(types(), types(I32)), tryTable(BlockType.of(I32)), i32(1), END);
        invalidBody("type mismatch", fn(types(), types(I32)), tryTable(BlockType.of(I32)), END);
        invalidBody("type mismatch", fn(types(), types(I32)), tryTable(BlockType.of(I32)), i64(42), END);
    }

    @Test
    void catchClausesMatchTheirLabels() {
        // catch $e $l passes the tag's parameters.
        assertValid(module(b -> {
            int tag = b.tag(fn(types(I32), types()));
            b.function(fn(types(), types(I32)), List.of(block(I32),
                    tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH, tag, 1)), END, UNREACHABLE, END));
        }));
        // catch_ref adds (ref exn); catch_all passes nothing; catch_all_ref only (ref exn).
        assertValid(module(b -> {
            int t = b.type(types(), types(I32, EXNREF));
            int tag = b.tag(fn(types(I32), types()));
            b.function(fn(types(), types(I32, EXNREF)), List.of(block(Opcode.BLOCK, t),
                    tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH_REF, tag, 1)), END, UNREACHABLE, END));
        }));
        validBody(VOID, tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH_ALL, -1, 0)), END);
        validBody(fn(types(), types(REF_EXN)), block(REF_EXN),
                tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH_ALL_REF, -1, 1)), END, UNREACHABLE, END);
        // try_table.wast's invalid cases.
        assertInvalid("type mismatch", module(b -> {
            int tag = b.tag(VOID);
            b.function(VOID, List.of(tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH_REF, tag, 0)), END));
        }));
        assertInvalid("type mismatch", module(b -> {
            int tag = b.tag(VOID);
            b.function(fn(types(), types(EXNREF)), List.of(tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH, tag, 0)), END,
                    UNREACHABLE));
        }));
        invalidBody("type mismatch", VOID, tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH_ALL_REF, -1, 0)), END);
        invalidBody("type mismatch", fn(types(), types(EXNREF)), tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH_ALL, -1, 0)),
                END, UNREACHABLE);
        assertInvalid("type mismatch", module(b -> {
            int tag = b.tag(fn(types(I64), types()));
            b.function(fn(types(), types(I32, EXNREF)), List.of(tryTable(BlockType.of(I32), new Catch(Catch.Kind.CATCH_REF, tag, 0)),
                    i32(42), END, UNREACHABLE));
        }));
        // A nullable tag parameter does not match a non-null label type.
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types());
            int tag = b.tag(fn(types(refNull(t)), types()));
            b.function(fn(types(), types(ref(t))), List.of(block(ref(t)),
                    tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH, tag, 1)), END, UNREACHABLE, END));
        }));
    }

    @Test
    void catchLabelsAndTagsMustExist() {
        invalidBody("unknown label", VOID, tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH_ALL, -1, 1)), END);
        invalidBody("unknown tag 3", VOID, tryTable(BlockType.EMPTY, new Catch(Catch.Kind.CATCH, 3, 0)), END);
    }

    @Test
    void tryTableLabelIsItsResults() {
        validBody(fn(types(), types(I32)), tryTable(BlockType.of(I32)), i32(1), br(0), END);
        invalidBody("type mismatch", fn(types(), types(I32)), tryTable(BlockType.of(I32)), br(0), END);
    }
}

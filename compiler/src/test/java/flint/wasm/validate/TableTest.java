package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;

import flint.wasm.model.ConstExpr;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Limits;
import flint.wasm.model.Opcode;
import flint.wasm.model.TableType;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Table instructions, 64-bit tables, element segments in code and call_indirect. */
class TableTest {
    private static final Limits T32 = Limits.of(1);
    private static final Limits T64 = new Limits(1, OptionalLong.empty(), true, false);

    @Test
    void tableAccessUsesElementAndAddressTypes() {
        assertValid(module(b -> {
            b.table(FUNCREF, T32);
            b.table(EXTERNREF, T64);
            b.function(VOID, List.of(
                    i32(0), ix(Opcode.TABLE_GET, 0), DROP,
                    i64(0), refNullOf(flint.wasm.model.AbsHeapType.EXTERN), ix(Opcode.TABLE_SET, 1),
                    ix(Opcode.TABLE_SIZE, 1), DROP,
                    refNullOf(flint.wasm.model.AbsHeapType.FUNC), i32(2), ix(Opcode.TABLE_GROW, 0), DROP,
                    i64(0), refNullOf(flint.wasm.model.AbsHeapType.EXTERN), i64(2), ix(Opcode.TABLE_FILL, 1)));
        }));
        assertInvalid("type mismatch", module(b -> {
            b.table(FUNCREF, T32);
            b.function(VOID, List.of(i32(0), refNullOf(flint.wasm.model.AbsHeapType.EXTERN), ix(Opcode.TABLE_SET, 0)));
        }));
        assertInvalid("type mismatch", module(b -> {
            b.table(FUNCREF, T64);
            b.function(VOID, List.of(i32(0), ix(Opcode.TABLE_GET, 0), DROP));
        }));
        assertInvalid("type mismatch", module(b -> {
            b.table(FUNCREF, T64);
            b.function(fn(types(), types(I32)), List.of(ix(Opcode.TABLE_SIZE, 0)));
        }));
        invalidBody("unknown table", fn(types(), types(I32)), ix(Opcode.TABLE_SIZE, 0));
    }

    @Test
    void tableCopyNeedsCompatibleElementsAndTheSmallerLengthType() {
        assertInvalid("type mismatch", module(b -> {
            b.table(FUNCREF, T32);
            b.table(EXTERNREF, T32);
            b.function(VOID, List.of(i32(0), i32(1), i32(2), two(Opcode.TABLE_COPY, 0, 1)));
        }));
        // table_copy_mixed.wast: dst 32-bit, src 64-bit.
        var ok = List.of(i32(13), i64(2), i32(3), two(Opcode.TABLE_COPY, 0, 1));
        assertValid(module(b -> {
            b.table(FUNCREF, T32);
            b.table(FUNCREF, T64);
            b.function(VOID, ok);
        }));
        for (var bad : List.of(
                List.of(i32(13), i64(2), i64(3), two(Opcode.TABLE_COPY, 0, 1)),
                List.of(i32(13), i32(2), i32(3), two(Opcode.TABLE_COPY, 0, 1)),
                List.of(i64(13), i64(2), i32(3), two(Opcode.TABLE_COPY, 0, 1)))) {
            assertInvalid("type mismatch", module(b -> {
                b.table(FUNCREF, T32);
                b.table(FUNCREF, T64);
                b.function(VOID, bad);
            }));
        }
    }

    @Test
    void tableInitAndElemDrop() {
        assertValid(module(b -> {
            b.table(FUNCREF, T32);
            int f = b.function(VOID, List.of());
            b.element(new ElementSegment(FUNCREF, ElementSegment.PASSIVE, List.of(ConstExpr.refFunc(f))));
            b.function(VOID, List.of(i32(0), i32(0), i32(1), two(Opcode.TABLE_INIT, 0, 0), ix(Opcode.ELEM_DROP, 0)));
        }));
        assertInvalid("type mismatch", module(b -> {
            b.table(FUNCREF, T32);
            b.element(new ElementSegment(EXTERNREF, ElementSegment.PASSIVE, List.of()));
            b.function(VOID, List.of(i32(0), i32(0), i32(1), two(Opcode.TABLE_INIT, 0, 0)));
        }));
        invalidBody("unknown table 0", VOID, i32(12), i32(1), i32(1), two(Opcode.TABLE_INIT, 4, 0));
        invalidBody("unknown elem segment 0", VOID, ix(Opcode.ELEM_DROP, 0));
        assertInvalid("unknown elem segment 4", module(b -> {
            b.table(FUNCREF, T32);
            b.function(VOID, List.of(i32(12), i32(1), i32(1), two(Opcode.TABLE_INIT, 4, 0)));
        }));
    }

    @Test
    void callIndirectNeedsAFunctionTableAndAType() {
        assertValid(module(b -> {
            int t = b.type(types(I32), types(I64));
            b.table(FUNCREF, T32);
            b.function(fn(types(), types(I64)), List.of(i32(5), i32(0), two(Opcode.CALL_INDIRECT, t, 0)));
        }));
        assertValid(module(b -> {
            int t = b.type(types(), types());
            b.table(FUNCREF, T64);
            b.function(VOID, List.of(i64(0), two(Opcode.CALL_INDIRECT, t, 0)));
        }));
        assertInvalid("unknown table", module(b -> {
            int t = b.type(types(), types());
            b.function(VOID, List.of(i32(0), two(Opcode.CALL_INDIRECT, t, 0)));
        }));
        assertInvalid("unknown type", module(b -> {
            b.table(FUNCREF, T32);
            b.function(VOID, List.of(i32(0), two(Opcode.CALL_INDIRECT, 1012321300, 0)));
        }));
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types());
            b.table(EXTERNREF, T32);
            b.function(VOID, List.of(i32(0), two(Opcode.CALL_INDIRECT, t, 0)));
        }));
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(I32), types());
            b.table(FUNCREF, T32);
            b.function(VOID, List.of(i64(1), i32(0), two(Opcode.CALL_INDIRECT, t, 0)));
        }));
    }

    @Test
    void tailCallIndirect() {
        assertValid(module(b -> {
            int t = b.type(types(), types(I32));
            b.table(new TableType(FUNCREF, T32));
            b.function(fn(types(), types(I32)), List.of(i32(0), two(Opcode.RETURN_CALL_INDIRECT, t, 0)));
        }));
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types(I64));
            b.table(new TableType(FUNCREF, T32));
            b.function(fn(types(), types(I32)), List.of(i32(0), two(Opcode.RETURN_CALL_INDIRECT, t, 0)));
        }));
        assertInvalid("unknown table", module(b -> {
            int t = b.type(types(), types());
            b.function(VOID, List.of(i32(0), two(Opcode.RETURN_CALL_INDIRECT, t, 0)));
        }));
    }
}

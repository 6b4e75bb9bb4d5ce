package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.Instruction;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.Opcode;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Driving a {@link FunctionValidator} one instruction at a time, as the streaming compiler does. */
class FunctionValidatorApiTest {
    private FunctionValidator v;
    private int offset;

    @BeforeEach
    void setUp() {
        var m = module(b -> {
            b.type(types(I32), types(I64));
            b.function(fn(types(I32, F64), types(I64)), List.of(UNREACHABLE));
            b.function(VOID, List.of());
        });
        v = new FunctionValidator(Validator.validateModule(m));
        v.begin(0, List.of(new LocalGroup(2, V128)));
        offset = 100;
    }

    private void step(Instruction insn) { v.validate(insn, offset++); }

    @Test
    void reportsLocalsAndTheFunction() {
        assertEquals(0, v.functionIndex());
        assertEquals(fn(types(I32, F64), types(I64)), v.functionType());
        assertEquals(4, v.localCount());
        assertEquals(I32, v.localType(0));
        assertEquals(F64, v.localType(1));
        assertEquals(V128, v.localType(3));
        assertThrows(IndexOutOfBoundsException.class, () -> v.localType(4));
    }

    @Test
    void tracksOperandTypes() {
        step(get(1));
        step(i32(3));
        assertEquals(2, v.operandHeight());
        assertEquals(I32, v.operandType(0));
        assertEquals(F64, v.operandType(1));
        step(op(Opcode.I64_EXTEND_I32_S));
        assertEquals(I64, v.operandType(0));
        assertFalse(v.isUnreachable());
    }

    @Test
    void reportsTheTypeOfPolymorphicInstructions() {
        step(get(1));
        step(DROP);
        assertEquals(F64, v.polymorphicType());
        step(get(1));
        step(get(1));
        step(get(0));
        step(SELECT);
        assertEquals(F64, v.polymorphicType());
        step(get(1));
        assertNull(v.polymorphicType(), "cleared by the next instruction");
        step(i32(0));
        step(new Instruction.SelectTyped(types(F64)));
        assertEquals(F64, v.polymorphicType());
    }

    @Test
    void unknownTypesInUnreachableCode() {
        step(UNREACHABLE);
        assertTrue(v.isUnreachable());
        assertEquals(0, v.operandHeight());
        step(SELECT);
        assertNull(v.polymorphicType(), "both operands unknown");
        assertNull(v.operandType(0));
        step(i64(1));
        step(op(Opcode.I64_ADD));
        assertEquals(I64, v.operandType(0));
        step(END);
        assertTrue(v.isDone());
        v.finish();
    }

    @Test
    void exposesControlFrames() {
        step(block(I32));
        step(loop());
        assertEquals(3, v.controlDepth());
        assertEquals(Opcode.LOOP, v.frameKind(0));
        assertEquals(Opcode.BLOCK, v.frameKind(1));
        assertEquals(Opcode.BLOCK, v.frameKind(2), "the function body");
        assertEquals(0, v.labelArity(0), "a loop's label takes its parameters");
        assertEquals(1, v.labelArity(1));
        assertEquals(I32, v.labelType(1, 0));
        assertEquals(types(I64), v.labelTypes(2));
        assertEquals(types(I32), v.frameEndTypes(1));
        step(END);
        step(i32(1));
        step(br(0));
        assertTrue(v.isUnreachable());
        step(END);
        assertFalse(v.isUnreachable());
        assertEquals(I32, v.operandType(0));
        assertEquals(1, v.controlDepth());
    }

    @Test
    void errorsCarryTheFunctionAndOffset() {
        step(i32(0));
        var e = assertThrows(InvalidModuleException.class, () -> v.validate(op(Opcode.F32_NEG), 0x42));
        assertEquals(0, e.function());
        assertEquals(0x42, e.offset());
        assertTrue(e.getMessage().startsWith("type mismatch: instruction requires [f32] but stack has [i32]"), e.getMessage());
        assertTrue(e.getMessage().contains("function 0, f32.neg at offset 0x42"), e.getMessage());
    }

    @Test
    void finishRequiresTheFinalEnd() {
        step(UNREACHABLE);
        step(block());
        step(END);
        var e = assertThrows(flint.wasm.binary.MalformedModuleException.class, v::finish);
        assertEquals("unexpected end of section or function", e.wording());
        step(END);
        v.finish();
        assertThrows(flint.wasm.binary.MalformedModuleException.class, () -> step(NOP));
    }

    @Test
    void isReusableAcrossFunctions() {
        step(UNREACHABLE);
        step(block());
        v.begin(1, List.of());
        assertEquals(1, v.controlDepth());
        assertEquals(0, v.operandHeight());
        assertFalse(v.isUnreachable());
        step(END);
        v.finish();
    }

    @Test
    void beginRejectsFunctionsThatDoNotExist() {
        assertThrows(IllegalArgumentException.class, () -> v.begin(2, List.of()));
        assertThrows(IllegalStateException.class, () -> new FunctionValidator(v.context()).validate(NOP, 0));
    }

    @Test
    void localTypesAreCheckedAtBegin() {
        var e = assertThrows(InvalidModuleException.class, () -> v.begin(1, List.of(new LocalGroup(1, ref(9)))));
        assertTrue(e.getMessage().startsWith("unknown type 9"), e.getMessage());
        assertEquals(1, e.function());
    }
}

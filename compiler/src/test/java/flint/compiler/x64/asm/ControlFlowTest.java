package flint.compiler.x64.asm;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.R12;
import static flint.compiler.x64.asm.Names.CC;
import static flint.compiler.x64.asm.Names.R64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels, branches, calls and relocations. */
class ControlFlowTest {

    @Test
    void backwardBranchesAreShortForwardOnesNear() {
        var check = new ObjdumpCheck();
        var a = check.asm();
        Label top = a.here();
        check.expect("nop", "90", Assembler::nop)                                 // 0x00
                .expect("jmp 0x0", "eb fd", x -> x.jmp(top))                      // 0x01
                .expect("je 0x0", "74 fb", x -> x.jcc(Cond.E, top));              // 0x03
        Label fwd = a.newLabel();
        assertFalse(fwd.isBound());
        check.expect("jmp 0x15", "e9 0b 00 00 00", x -> x.jmp(fwd))               // 0x05
                .expect("jne 0x15", "0f 85 05 00 00 00", x -> x.jcc(Cond.NE, fwd)) // 0x0a
                .expect("call 0x15", "e8 00 00 00 00", x -> x.call(fwd));         // 0x10
        a.bind(fwd);                                                              // 0x15
        assertEquals(0x15, fwd.position());
        check.expect("ret", "c3", Assembler::ret);
        check.verify();
    }

    @Test
    void shortFormUpToMinus128() {
        var check = new ObjdumpCheck();
        var a = check.asm();
        Label top = a.here();
        a.nop(126);
        check.expect("jmp 0x0", "eb 80", x -> x.jmp(top));                // at 126: rel = -128
        check.expect("jmp 0x0", "e9 7b ff ff ff", x -> x.jmp(top));       // at 128: rel8 would be -130; rel32 -133
        a.nop(0x100 - a.position() - 1);
        check.expect("jl 0x0", "0f 8c fb fe ff ff", x -> x.jcc(Cond.L, top)); // at 0xff: -(0xff + 6)
        check.verify();
    }

    @Test
    void everyConditionShortAndNear() {
        var check = new ObjdumpCheck();
        var a = check.asm();
        for (Cond c : Cond.values()) {
            int self = a.position();
            Label l = a.here();
            check.expect("j" + CC[c.ordinal()] + " 0x" + Integer.toHexString(self),
                    String.format("%02x fe", 0x70 + c.code()), x -> x.jcc(c, l));
        }
        int start = a.position();
        int end = start + 16 * 6;
        Label far = a.newLabel();
        for (Cond c : Cond.values()) {
            check.expect("j" + CC[c.ordinal()] + " 0x" + Integer.toHexString(end), x -> x.jcc(c, far));
        }
        a.bind(far);
        for (Cond c : Cond.values()) {
            Label near = a.newLabel();
            int at = a.position();
            check.expect("j" + CC[c.ordinal()] + " 0x" + Integer.toHexString(at + 2), x -> x.jccShort(c, near));
            a.bind(near);
        }
        check.verify();
    }

    @Test
    void shortForwardJumpsArePatchedOrRejected() {
        var check = new ObjdumpCheck();
        var a = check.asm();
        Label l = a.newLabel();
        check.expect("jmp 0x81", "eb 7f", x -> x.jmpShort(l));
        a.nop(127);
        a.bind(l);
        check.verify();

        var b = new Assembler(CpuFeatures.all());
        Label far = b.newLabel();
        b.jccShort(Cond.E, far);
        b.nop(128);
        var e = assertThrows(IllegalStateException.class, () -> b.bind(far));
        assertTrue(e.getMessage().contains("out of rel8 range"), e.getMessage());
    }

    @Test
    void indirectJumpsAndCallsThroughEveryRegister() {
        var check = new ObjdumpCheck();
        for (Gpr r : Gpr.values()) {
            check.expect("jmp " + R64[r.ordinal()], x -> x.jmp(r));
            check.expect("call " + R64[r.ordinal()], x -> x.call(r));
        }
        check.expect("jmp QWORD PTR [r12+rax*8]", "41 ff 24 c4", x -> x.jmp(Mem.of(R12, RAX, 8, 0)))
                .expect("call QWORD PTR [rax+0x8]", "ff 50 08", x -> x.call(Mem.of(RAX, 8)))
                .expect("ret", "c3", Assembler::ret)
                .expect("ret 0x10", "c2 10 00", x -> x.ret(16))
                .expect("int3", "cc", Assembler::int3);
        check.verify();
        assertThrows(IllegalArgumentException.class, () -> check.asm().ret(0x10000));
    }

    @Test
    void callsToOtherFunctionsLeaveRelocations() {
        var check = new ObjdumpCheck();
        var a = check.asm();
        check.expect("nop", Assembler::nop)
                .expect("call 0x6", "e8 00 00 00 00", x -> x.callFunction(3))
                .expect("call 0xb", "e8 00 00 00 00", x -> x.callHelper(7))
                .expect("movabs r9,0x0", "49 b9 00 00 00 00 00 00 00 00", x -> x.movabs(Gpr.R9, new Relocation.WasmFunction(1)))
                .expect("call 0x1a", x -> x.call(new Relocation.RuntimeHelper(2)));
        assertEquals(List.of(
                new Relocation(2, Relocation.Kind.REL32, new Relocation.WasmFunction(3)),
                new Relocation(7, Relocation.Kind.REL32, new Relocation.RuntimeHelper(7)),
                new Relocation(0xd, Relocation.Kind.ABS64, new Relocation.WasmFunction(1)),
                new Relocation(0x16, Relocation.Kind.REL32, new Relocation.RuntimeHelper(2))), a.relocations());
        check.verify();
    }

    @Test
    void relocationValues() {
        var rel = new Relocation(2, Relocation.Kind.REL32, new Relocation.WasmFunction(0));
        assertEquals(0x2000 - 0x1006, rel.value(0x1000, 0x2000));
        assertEquals(-0x1006, rel.value(0x1000, 0));
        assertThrows(IllegalStateException.class, () -> rel.value(0, 1L << 32));
        var abs = new Relocation(2, Relocation.Kind.ABS64, new Relocation.RuntimeHelper(0));
        assertEquals(0x7fff_1234_5678L, abs.value(0x1000, 0x7fff_1234_5678L));
        assertEquals(4, Relocation.Kind.REL32.width());
        assertEquals(8, Relocation.Kind.ABS64.width());
        assertThrows(IllegalArgumentException.class, () -> new Relocation(-1, Relocation.Kind.REL32, new Relocation.WasmFunction(0)));
    }

    @Test
    void labelMisuseIsReported() {
        var a = new Assembler(CpuFeatures.all());
        Label l = a.newLabel();
        a.jmp(l);
        var e = assertThrows(IllegalStateException.class, a::finish);
        assertTrue(e.getMessage().contains("never bound"), e.getMessage());

        var b = new Assembler(CpuFeatures.all());
        Label twice = b.here();
        assertThrows(IllegalStateException.class, () -> b.bind(twice));
        assertThrows(IllegalStateException.class, () -> b.newLabel().position());
        Label foreign = a.newLabel();
        assertThrows(IllegalArgumentException.class, () -> b.jmp(foreign));
        assertThrows(IllegalArgumentException.class, () -> b.bind(foreign));
        b.finish();
        assertThrows(IllegalStateException.class, b::finish);
    }

    @Test
    void unreferencedUnboundLabelsAreFine() {
        var a = new Assembler(CpuFeatures.all());
        a.newLabel();
        a.ret();
        assertEquals(1, a.finish().length);
    }
}

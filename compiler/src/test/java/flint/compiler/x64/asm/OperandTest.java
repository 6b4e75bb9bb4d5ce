package flint.compiler.x64.asm;

import static flint.compiler.x64.asm.Gpr.R12;
import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RBX;
import static flint.compiler.x64.asm.Gpr.RSP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Operand values, conditions, sizes and CPU features. */
class OperandTest {

    @Test
    void registerNumbersAndNames() {
        for (Gpr r : Gpr.values()) {
            assertEquals(r, Gpr.of(r.encoding()));
            assertEquals(r.encoding() >= 8, r.isExtended());
            for (Size s : Size.values()) {
                assertEquals(Names.reg(s, r), r.name(s));
            }
        }
        for (Xmm x : Xmm.values()) {
            assertEquals(x, Xmm.of(x.encoding()));
            assertEquals("xmm" + x.encoding(), x.toString());
        }
        assertEquals("r12", R12.toString());
    }

    @Test
    void memoryOperandRules() {
        var e = assertThrows(IllegalArgumentException.class, () -> Mem.of(RAX, RSP, 1, 0));
        assertTrue(e.getMessage().contains("rsp"));
        assertThrows(IllegalArgumentException.class, () -> new Mem.BaseIndex(RAX, null, Scale.FOUR, 0));
        assertThrows(IllegalArgumentException.class, () -> Mem.of(RAX, RBX, 3, 0));
        assertThrows(NullPointerException.class, () -> Mem.indexed(null, Scale.ONE, 0));
        assertEquals(Mem.of(RAX, RBX, 8, 0x18), Mem.of(RAX, RBX, 8, 0x10).offset(8));
        assertThrows(ArithmeticException.class, () -> Mem.of(RAX, Integer.MAX_VALUE).offset(1));
        assertEquals("[rax+rbx*8-0x10]", Mem.of(RAX, RBX, 8, -0x10).toString());
        assertEquals("[rbx*2+0x4]", Mem.indexed(RBX, Scale.TWO, 4).toString());
        assertEquals("[0x40]", Mem.absolute(0x40).toString());
        var asm = new Assembler(CpuFeatures.all());
        Label l = asm.newLabel();
        Mem rip = Mem.rip(l, 4);
        assertEquals(Mem.rip(l, 12), rip.offset(8));
        assertEquals(Scale.FOUR, Scale.of(Size.S32));
        assertThrows(IllegalArgumentException.class, () -> Scale.of(16));
    }

    @Test
    void conditionsNegateAndCommute() {
        for (Cond c : Cond.values()) {
            assertEquals(c, c.negate().negate());
            assertEquals(c.code() ^ 1, c.negate().code());
            assertEquals(Names.CC[c.ordinal()], c.suffix());
        }
        assertEquals(Cond.NE, Cond.E.negate());
        assertEquals(Cond.GE, Cond.L.negate());
        assertEquals(Cond.A, Cond.BE.negate());
        assertEquals(Cond.NP, Cond.P.negate());
        for (Cond c : EnumSet.of(Cond.E, Cond.NE, Cond.B, Cond.AE, Cond.BE, Cond.A, Cond.L, Cond.GE, Cond.LE, Cond.G)) {
            assertEquals(c, c.commute().commute());
        }
        assertEquals(Cond.G, Cond.L.commute());
        assertEquals(Cond.AE, Cond.BE.commute());
        assertThrows(IllegalStateException.class, Cond.O::commute);
        assertThrows(IllegalStateException.class, Cond.S::commute);
    }

    @Test
    void immediates() {
        assertTrue(Imm.of(-128).fitsInt8());
        assertFalse(Imm.of(128).fitsInt8());
        assertTrue(Imm.of(Integer.MIN_VALUE).fitsInt32());
        assertFalse(Imm.of(1L << 31).fitsInt32());
        assertEquals(8, Size.S64.bytes());
        assertEquals(16, Size.S16.bits());
    }

    @Test
    void cpuFeaturesFromCpuinfo() {
        String cpuinfo = """
                processor\t: 0
                flags\t\t: fpu sse sse2 ssse3 sse4_1 popcnt bmi1 avx
                processor\t: 1
                flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt abm bmi1 avx
                """;
        var f = CpuFeatures.fromCpuinfo(cpuinfo);
        assertEquals(Set.of(CpuFeature.SSSE3, CpuFeature.SSE4_1, CpuFeature.POPCNT, CpuFeature.BMI1, CpuFeature.AVX),
                f.features(), "the first flags line decides");
        assertFalse(f.has(CpuFeature.LZCNT), "lzcnt is announced by 'abm'");
        assertTrue(CpuFeatures.fromCpuinfo("flags : abm").has(CpuFeature.LZCNT));
        assertEquals(Set.of(), CpuFeatures.fromCpuinfo("no flags here").features());
        assertEquals(Set.of(), CpuFeatures.detect(java.nio.file.Path.of("/nonexistent/cpuinfo")).features());
        assertEquals(EnumSet.allOf(CpuFeature.class), CpuFeatures.all().features());
        assertEquals(CpuFeatures.of(CpuFeature.BMI1), CpuFeatures.of(CpuFeature.BMI1, CpuFeature.BMI1));
        // the host answer is whatever the machine has, but it is stable and at least the baseline
        assertEquals(CpuFeatures.host(), CpuFeatures.host());
    }
}

package flint.compiler.x64.asm;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RCX;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S8;
import static flint.compiler.x64.asm.Xmm.XMM0;
import static flint.compiler.x64.asm.Xmm.XMM1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RIP-relative data: the constant pool, label deltas, padding. */
class DataTest {

    @Test
    void constantPoolAfterTheCodeAddressedRipRelative() {
        var check = new ObjdumpCheck();
        var a = check.asm();
        Label c = a.constantF64(1.5);
        Label mask = a.constant128(0x7fffffff7fffffffL, 0x7fffffff7fffffffL);
        Label c2 = a.constant32(0x1234);
        assertSame(c, a.constantF64(1.5), "equal constants share a slot");
        // layout: movsd 0x00-0x08, andps 0x08-0x0f, cmp dword 0x0f-0x19, cmp byte 0x19-0x20, ret 0x20;
        // pool at 0x30 (aligned): c, mask at 0x40, c2 at 0x50
        check.expect("movsd xmm0,QWORD PTR [rip+0x28] # 0x30", "f2 0f 10 05 28 00 00 00", x -> x.movsd(XMM0, Mem.rip(c)))
                .expect("andps xmm1,XMMWORD PTR [rip+0x31] # 0x40", x -> x.andps(XMM1, Mem.rip(mask)))
                .expect("cmp DWORD PTR [rip+0x37],0x12345678 # 0x50", x -> x.cmp(S32, Mem.rip(c2), 0x12345678))
                .expect("cmp BYTE PTR [rip+0x30],0x1 # 0x50", x -> x.cmp(S8, Mem.rip(c2), 1))
                .expect("ret", Assembler::ret);
        check.verify();
        assertEquals(List.of(), a.relocations(), "pool references are resolved internally");
    }

    /**
     * The pool operands the float backend uses, including an instruction with an imm8 after the
     * displacement (roundss): RIP-relative addressing counts from the end of the instruction.
     */
    @Test
    void floatOperatorsWithPoolOperands() {
        var check = new ObjdumpCheck();
        var a = check.asm();
        Label c1 = a.constant32(0x4f000000);
        Label c2 = a.constant64(0x43e0000000000000L);
        Label c3 = a.constant32(0x80000000);
        // roundss 0x00-0x0a, ucomisd 0x0a-0x12, xorps 0x12-0x19, cvtss2sd 0x19-0x21, ret; pool at 0x30
        check.expect("roundss xmm0,DWORD PTR [rip+0x26],0x3 # 0x30", "66 0f 3a 0a 05 26 00 00 00 03",
                        x -> x.roundss(XMM0, Mem.rip(c1), RoundingMode.TRUNC))
                .expect("ucomisd xmm1,QWORD PTR [rip+0x2e] # 0x40", x -> x.ucomisd(XMM1, Mem.rip(c2)))
                .expect("xorps xmm2,XMMWORD PTR [rip+0x37] # 0x50", x -> x.xorps(Xmm.XMM2, Mem.rip(c3)))
                .expect("cvtss2sd xmm3,DWORD PTR [rip+0xf] # 0x30", x -> x.cvtss2sd(Xmm.XMM3, Mem.rip(c1)))
                .expect("ret", Assembler::ret);
        check.verify();
    }

    @Test
    void poolContentsAndAlignment() {
        var a = new Assembler(CpuFeatures.all());
        a.movsd(XMM0, Mem.rip(a.constantF64(-0.0)));
        a.movss(XMM0, Mem.rip(a.constantF32(2.5f)));
        a.movups(XMM0, Mem.rip(a.constant128(0x0102030405060708L, 0x1112131415161718L)));
        a.ret();
        byte[] code = a.finish();
        assertEquals(0x20 + 3 * 16, code.length);
        ByteBuffer buf = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0x1a; i < 0x20; i++) { // code is 0x1a bytes; the padding up to the pool is int3
            assertEquals((byte) 0xCC, code[i], "padding at " + i);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), buf.getLong(0x20));
        assertEquals(0, buf.getLong(0x28));
        assertEquals(Float.floatToRawIntBits(2.5f), buf.getInt(0x30));
        assertEquals(0, buf.getInt(0x34));
        assertEquals(0, buf.getLong(0x38));
        assertEquals(0x0102030405060708L, buf.getLong(0x40));
        assertEquals(0x1112131415161718L, buf.getLong(0x48));
    }

    @Test
    void constantsCanBePlacedBetweenFunctions() {
        var check = new ObjdumpCheck();
        var a = check.asm();
        // 0.5f is 00 00 00 3f: objdump, which decodes the pool as code, stays in step with it
        Label one = a.constantF32(0.5f);
        check.expect("addss xmm0,DWORD PTR [rip+0x8] # 0x10", x -> x.addss(XMM0, Mem.rip(one)))  // 0x00-0x08
                .expect("ret", Assembler::ret);                                                   // 0x08
        a.placeConstants();                                                                       // 0x10-0x20
        assertEquals(0x20, a.position());
        assertSame(one, a.constantF32(0.5f), "a placed constant is reused");
        Label two = a.constantF32(2.0f);
        assertNotSame(one, two);
        check.expect("addss xmm0,DWORD PTR [rip+0xffffffffffffffe8] # 0x10", x -> x.addss(XMM0, Mem.rip(one))) // 0x20-0x28
                .expect("addss xmm0,DWORD PTR [rip+0x10] # 0x40", x -> x.addss(XMM0, Mem.rip(two)))
                .expect("lea rax,[rip+0x11] # 0x48", x -> x.lea(Size.S64, RAX, Mem.rip(two, 8))); // 0x30-0x37
        check.verify();
    }

    @Test
    void jumpTableEntriesAreLabelDeltas() {
        var a = new Assembler(CpuFeatures.all());
        Label table = a.newLabel();
        Label case0 = a.newLabel();
        Label case1 = a.newLabel();
        a.align(4);
        a.bind(table);                          // 0
        a.emitLabelDelta32(case0, table);       // 0-4
        a.emitLabelDelta32(case1, table);       // 4-8
        a.bind(case0);                          // 8
        a.ret();
        a.bind(case1);                          // 9
        a.ret();
        a.emitLabelDelta32(case0, table);       // backward: already bound
        ByteBuffer buf = ByteBuffer.wrap(a.finish()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8, buf.getInt(0));
        assertEquals(9, buf.getInt(4));
        assertEquals(8, buf.getInt(10));
    }

    @Test
    void nopsOfEveryLength() {
        var check = new ObjdumpCheck();
        List<String> nops = List.of(
                "nop",
                "xchg ax,ax",
                "nop DWORD PTR [rax]",
                "nop DWORD PTR [rax+0x0]",
                "nop DWORD PTR [rax+rax*1+0x0]",
                "nop WORD PTR [rax+rax*1+0x0]",
                "nop DWORD PTR [rax+0x0]",
                "nop DWORD PTR [rax+rax*1+0x0]",
                "nop WORD PTR [rax+rax*1+0x0]");
        for (int n = 1; n <= 9; n++) {
            int len = n;
            check.expect(nops.get(n - 1), x -> x.nop(len));
        }
        check.expectAll(List.of(nops.get(8), nops.get(8), nops.get(1)), x -> x.nop(20));
        check.verify();
    }

    @Test
    void alignPadsToTheBoundary() {
        var a = new Assembler(CpuFeatures.all());
        for (int start = 0; start < 40; start++) {
            var b = new Assembler(CpuFeatures.all());
            b.nop(start);
            b.align(16);
            assertEquals(0, b.position() % 16);
            assertEquals((start + 15) / 16 * 16, b.position());
        }
        a.align(1);
        assertEquals(0, a.position());
        assertThrows(IllegalArgumentException.class, () -> a.align(12));
        assertThrows(IllegalArgumentException.class, () -> a.nop(-1));
    }

    @Test
    void emittedBytesAndPatching() {
        var a = new Assembler(CpuFeatures.all());
        a.emitBytes(new byte[] {1, 2, 3, 4, 5});
        a.patch32(1, 0x0A0B0C0D);
        assertArrayEquals(new byte[] {1, 0x0D, 0x0C, 0x0B, 0x0A}, a.finish());
        var b = new Assembler(CpuFeatures.all());
        b.mov(S32, RAX, RCX);
        assertThrows(IndexOutOfBoundsException.class, () -> b.patch32(0, 1));
    }
}

package flint.compiler.x64.asm;

import static flint.compiler.x64.asm.Gpr.R12;
import static flint.compiler.x64.asm.Gpr.R13;
import static flint.compiler.x64.asm.Gpr.R8;
import static flint.compiler.x64.asm.Gpr.R9;
import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RBP;
import static flint.compiler.x64.asm.Gpr.RBX;
import static flint.compiler.x64.asm.Gpr.RCX;
import static flint.compiler.x64.asm.Gpr.RDX;
import static flint.compiler.x64.asm.Gpr.RSI;
import static flint.compiler.x64.asm.Gpr.RSP;
import static flint.compiler.x64.asm.Names.R64;
import static flint.compiler.x64.asm.Names.imm;
import static flint.compiler.x64.asm.Names.ptr;
import static flint.compiler.x64.asm.Names.reg;
import static flint.compiler.x64.asm.Size.S16;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S64;
import static flint.compiler.x64.asm.Size.S8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every general-purpose instruction form, checked against objdump's Intel syntax. */
class GprEncodingTest {
    private static final Size[] WIDE = {S16, S32, S64};

    /** objdump's text for {@code [base + index*scale + disp]}. */
    static String mem(Gpr base, Gpr index, int scale, int disp) {
        if (base == null && index == null) {
            return "ds:0x" + Integer.toHexString(disp);
        }
        var sb = new StringBuilder("[");
        if (base != null) {
            sb.append(R64[base.ordinal()]);
        }
        if (index != null) {
            sb.append(base != null ? "+" : "").append(R64[index.ordinal()]).append('*').append(scale);
        }
        boolean forced = base == null || ((base == RBP || base == R13) && disp == 0);
        if (disp != 0 || forced) {
            sb.append(Names.disp(disp));
        }
        return sb.append(']').toString();
    }

    @Test
    void movBetweenEveryPairOfRegistersAtEverySize() {
        var check = new ObjdumpCheck();
        for (Size size : Size.values()) {
            for (Gpr dst : Gpr.values()) {
                for (Gpr src : Gpr.values()) {
                    check.expect("mov " + reg(size, dst) + "," + reg(size, src), a -> a.mov(size, dst, src));
                }
            }
        }
        check.verify();
        assertEquals(1024, check.size());
    }

    @Test
    void everyBaseIndexScaleAndDisplacementClass() {
        var check = new ObjdumpCheck();
        int[] disps = {0, 0x7f, -0x80, 0x80, -0x81, 0x12345678, -0x12345678};
        for (Gpr base : withNull(Gpr.values())) {
            for (Gpr index : withNull(Gpr.values())) {
                if (index == RSP || (base == null && index == null)) {
                    continue;
                }
                for (int disp : disps) {
                    int scale = index == null ? 1 : 1 << (index.ordinal() & 3);
                    Gpr r = Gpr.of((disp & 0xF) ^ (base == null ? 0 : base.ordinal()));
                    Mem m = base == null ? Mem.indexed(index, Scale.of(scale), disp) : Mem.of(base, index, scale, disp);
                    String text = mem(base, index, scale, disp);
                    check.expect("mov " + reg(S64, r) + "," + ptr(S64) + text, a -> a.mov(S64, r, m));
                    check.expect("mov " + ptr(S32) + text + "," + reg(S32, r), a -> a.mov(S32, m, r));
                }
            }
        }
        check.verify();
    }

    @Test
    void displacementSizeIsTheShortestThatFits() {
        new ObjdumpCheck()
                .expect("mov eax,DWORD PTR [rbx]", "8b 03", a -> a.mov(S32, RAX, Mem.of(RBX)))
                .expect("mov eax,DWORD PTR [rbx+0x7f]", "8b 43 7f", a -> a.mov(S32, RAX, Mem.of(RBX, 0x7f)))
                .expect("mov eax,DWORD PTR [rbx-0x80]", "8b 43 80", a -> a.mov(S32, RAX, Mem.of(RBX, -0x80)))
                .expect("mov eax,DWORD PTR [rbx+0x80]", "8b 83 80 00 00 00", a -> a.mov(S32, RAX, Mem.of(RBX, 0x80)))
                .expect("mov eax,DWORD PTR [rbp+0x0]", "8b 45 00", a -> a.mov(S32, RAX, Mem.of(RBP)))
                .expect("mov eax,DWORD PTR [r13+0x0]", "41 8b 45 00", a -> a.mov(S32, RAX, Mem.of(R13)))
                .expect("mov eax,DWORD PTR [rsp]", "8b 04 24", a -> a.mov(S32, RAX, Mem.of(RSP)))
                .expect("mov eax,DWORD PTR [r12]", "41 8b 04 24", a -> a.mov(S32, RAX, Mem.of(R12)))
                .expect("mov eax,DWORD PTR [rsp+r12*1]", "42 8b 04 24", a -> a.mov(S32, RAX, Mem.of(RSP, R12, 1, 0)))
                .expect("mov eax,DWORD PTR [r13+rax*1+0x0]", "41 8b 44 05 00", a -> a.mov(S32, RAX, Mem.of(R13, RAX, 1, 0)))
                .expect("mov eax,DWORD PTR ds:0x1000", "8b 04 25 00 10 00 00", a -> a.mov(S32, RAX, Mem.absolute(0x1000)))
                .expect("mov eax,DWORD PTR [rcx*8+0x0]", "8b 04 cd 00 00 00 00", a -> a.mov(S32, RAX, Mem.indexed(RCX, Scale.EIGHT, 0)))
                .verify();
    }

    @Test
    void registerFieldTakesEveryRegisterAtEverySize() {
        var check = new ObjdumpCheck();
        Mem m = Mem.of(R13, R12, 2, 0x10);
        String text = "[r13+r12*2+0x10]";
        for (Size size : Size.values()) {
            for (Gpr r : Gpr.values()) {
                check.expect("mov " + reg(size, r) + "," + ptr(size) + text, a -> a.mov(size, r, m));
                check.expect("mov " + ptr(size) + text + "," + reg(size, r), a -> a.mov(size, m, r));
            }
        }
        check.verify();
    }

    @Test
    void movImmediateIntoEveryRegister() {
        var check = new ObjdumpCheck();
        for (Gpr r : Gpr.values()) {
            check.expect("mov " + reg(S8, r) + ",0x80", a -> a.movImm(S8, r, 0x80));
            check.expect("mov " + reg(S16, r) + ",0xfffe", a -> a.movImm(S16, r, -2));
            check.expect("mov " + reg(S32, r) + ",0x89abcdef", a -> a.movImm(S32, r, 0x89abcdefL));
            check.expect("mov " + reg(S32, r) + ",0xffffffff", a -> a.movImm(S64, r, 0xFFFF_FFFFL));
            check.expect("mov " + reg(S64, r) + ",0xffffffff80000000", a -> a.movImm(S64, r, Integer.MIN_VALUE));
            check.expect("movabs " + reg(S64, r) + ",0x123456789abcdef0", a -> a.movImm(S64, r, 0x123456789abcdef0L));
            check.expect("movabs " + reg(S64, r) + ",0x1", a -> a.movabs(r, 1));
        }
        check.verify();
    }

    @Test
    void movImmediateChoosesTheShortestEncoding() {
        new ObjdumpCheck()
                .expect("mov eax,0x0", "b8 00 00 00 00", a -> a.movImm(S64, RAX, 0))
                .expect("mov r9d,0x7fffffff", "41 b9 ff ff ff 7f", a -> a.movImm(S64, R9, Integer.MAX_VALUE))
                .expect("mov rax,0xffffffffffffffff", "48 c7 c0 ff ff ff ff", a -> a.movImm(S64, RAX, -1))
                .expect("movabs rax,0x100000000", "48 b8 00 00 00 00 01 00 00 00", a -> a.movImm(S64, RAX, 1L << 32))
                .expect("movabs rax,0x8000000000000000", a -> a.movImm(S64, RAX, Long.MIN_VALUE))
                .expect("mov sil,0x1", "40 b6 01", a -> a.movImm(S8, RSI, 1))
                .expect("mov ax,0x1", "66 b8 01 00", a -> a.movImm(S16, RAX, 1))
                .verify();
    }

    @Test
    void movImmediateToMemory() {
        var check = new ObjdumpCheck();
        Mem m = Mem.of(RSP, 8);
        check.expect("mov BYTE PTR [rsp+0x8],0xff", a -> a.movImm(S8, m, -1))
                .expect("mov WORD PTR [rsp+0x8],0x8000", a -> a.movImm(S16, m, 0x8000))
                .expect("mov DWORD PTR [rsp+0x8],0xdeadbeef", a -> a.movImm(S32, m, 0xdeadbeefL))
                .expect("mov QWORD PTR [rsp+0x8],0xffffffffdeadbeef", a -> a.movImm(S64, m, (int) 0xdeadbeefL))
                .expect("mov QWORD PTR [r13+0x0],0x7fffffff", a -> a.movImm(S64, Mem.of(R13), Integer.MAX_VALUE))
                .verify();
        var asm = new Assembler(CpuFeatures.all());
        assertThrows(IllegalArgumentException.class, () -> asm.movImm(S64, m, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> asm.movImm(S8, RAX, 0x100));
        assertThrows(IllegalArgumentException.class, () -> asm.movImm(S16, RAX, -0x8001));
        assertThrows(IllegalArgumentException.class, () -> asm.movImm(S32, RAX, 1L << 32));
    }

    @Test
    void zeroAndSignExtension() {
        var check = new ObjdumpCheck();
        for (Gpr r : Gpr.values()) {
            Gpr s = Gpr.of(15 - r.ordinal());
            for (Size dst : WIDE) {
                check.expect("movzx " + reg(dst, r) + "," + reg(S8, s), a -> a.movzx(dst, r, S8, s));
                check.expect("movsx " + reg(dst, r) + "," + reg(S8, s), a -> a.movsx(dst, r, S8, s));
                if (dst != S16) {
                    check.expect("movzx " + reg(dst, r) + "," + reg(S16, s), a -> a.movzx(dst, r, S16, s));
                    check.expect("movsx " + reg(dst, r) + "," + reg(S16, s), a -> a.movsx(dst, r, S16, s));
                }
            }
            check.expect("movsxd " + reg(S64, r) + "," + reg(S32, s), a -> a.movsx(S64, r, S32, s));
            check.expect("movsxd " + reg(S64, r) + ",DWORD PTR [" + R64[s.ordinal()] + "+0x4]",
                    a -> a.movsxd(r, Mem.of(s, 4)));
            check.expect("movzx " + reg(S32, r) + ",BYTE PTR [" + R64[s.ordinal()] + "+0x4]",
                    a -> a.movzx(S32, r, S8, Mem.of(s, 4)));
            check.expect("movzx " + reg(S64, r) + ",WORD PTR [" + R64[s.ordinal()] + "+0x4]",
                    a -> a.movzx(S64, r, S16, Mem.of(s, 4)));
            check.expect("movsx " + reg(S32, r) + ",BYTE PTR [" + R64[s.ordinal()] + "+0x4]",
                    a -> a.movsx(S32, r, S8, Mem.of(s, 4)));
            check.expect("movsx " + reg(S64, r) + ",WORD PTR [" + R64[s.ordinal()] + "+0x4]",
                    a -> a.movsx(S64, r, S16, Mem.of(s, 4)));
        }
        check.verify();
        var asm = new Assembler(CpuFeatures.all());
        assertThrows(IllegalArgumentException.class, () -> asm.movzx(S32, RAX, S32, RCX));
        assertThrows(IllegalArgumentException.class, () -> asm.movzx(S8, RAX, S8, RCX));
        assertThrows(IllegalArgumentException.class, () -> asm.movsx(S16, RAX, S16, RCX));
    }

    @Test
    void lea() {
        var check = new ObjdumpCheck();
        for (Gpr r : Gpr.values()) {
            Gpr b = Gpr.of(15 - r.ordinal());
            Gpr i = b == RSP ? RBP : Gpr.of((r.ordinal() + 3) & 15) == RSP ? R8 : Gpr.of((r.ordinal() + 3) & 15);
            String text = mem(b, i, 4, -8);
            check.expect("lea " + reg(S64, r) + "," + text, a -> a.lea(S64, r, Mem.of(b, i, 4, -8)));
            check.expect("lea " + reg(S32, r) + "," + text, a -> a.lea(S32, r, Mem.of(b, i, 4, -8)));
            check.expect("lea " + reg(S16, r) + "," + text, a -> a.lea(S16, r, Mem.of(b, i, 4, -8)));
        }
        check.verify();
    }

    @Test
    void aluRegisterRegisterMemoryForms() {
        var check = new ObjdumpCheck();
        for (AluOp op : AluOp.values()) {
            String name = op.name().toLowerCase(Locale.ROOT);
            for (Size size : Size.values()) {
                for (Gpr d : Gpr.values()) {
                    Gpr s = Gpr.of((d.ordinal() * 7 + 3) & 15);
                    check.expect(name + " " + reg(size, d) + "," + reg(size, s), a -> a.alu(op, size, d, s));
                }
                check.expect(name + " " + reg(size, R9) + "," + ptr(size) + "[rbx+0x8]", a -> a.alu(op, size, R9, Mem.of(RBX, 8)));
                check.expect(name + " " + ptr(size) + "[rbx+0x8]," + reg(size, RSI), a -> a.alu(op, size, Mem.of(RBX, 8), RSI));
            }
        }
        check.verify();
    }

    @Test
    void aluImmediateForms() {
        var check = new ObjdumpCheck();
        for (AluOp op : AluOp.values()) {
            String name = op.name().toLowerCase(Locale.ROOT);
            for (Size size : Size.values()) {
                int big = switch (size) {
                    case S8 -> 0x80;
                    case S16 -> 0x1234;
                    default -> 0x12345678;
                };
                for (Gpr d : Gpr.values()) {
                    check.expect(name + " " + reg(size, d) + "," + imm(size, -128), a -> a.alu(op, size, d, -128));
                    check.expect(name + " " + reg(size, d) + "," + imm(size, big), a -> a.alu(op, size, d, big));
                }
                Mem m = Mem.of(R12, RBP, 8, 0x40);
                String mt = "[r12+rbp*8+0x40]";
                check.expect(name + " " + ptr(size) + mt + "," + imm(size, 5), a -> a.alu(op, size, m, 5));
                check.expect(name + " " + ptr(size) + mt + "," + imm(size, big), a -> a.alu(op, size, m, big));
            }
        }
        check.verify();
    }

    @Test
    void aluImmediateEncodingChoice() {
        new ObjdumpCheck()
                .expect("add eax,0x1", "83 c0 01", a -> a.add(S32, RAX, 1))
                .expect("add eax,0x80", "05 80 00 00 00", a -> a.add(S32, RAX, 0x80))
                .expect("add ecx,0x80", "81 c1 80 00 00 00", a -> a.add(S32, RCX, 0x80))
                .expect("sub rax,0xffffffffffffff80", "48 83 e8 80", a -> a.sub(S64, RAX, -128))
                .expect("cmp rax,0x12345678", "48 3d 78 56 34 12", a -> a.cmp(S64, RAX, 0x12345678))
                .expect("and ax,0xff00", "66 25 00 ff", a -> a.and(S16, RAX, 0xff00))
                .expect("or al,0x1", "0c 01", a -> a.or(S8, RAX, 1))
                .expect("xor sil,0x1", "40 80 f6 01", a -> a.xor(S8, RSI, 1))
                .expect("adc r8,0x0", "49 83 d0 00", a -> a.adc(S64, R8, 0))
                .expect("sbb edx,0x1", "83 da 01", a -> a.sbb(S32, RDX, 1))
                .expect("add WORD PTR [rax],0xffff", "66 83 00 ff", a -> a.add(S16, Mem.of(RAX), 0xffff))
                .verify();
        var asm = new Assembler(CpuFeatures.all());
        assertThrows(IllegalArgumentException.class, () -> asm.add(S8, RAX, 0x100));
        assertThrows(IllegalArgumentException.class, () -> asm.add(S16, RAX, 0x10000));
    }

    @Test
    void aluShorthandsAndGenericOperandForms() {
        new ObjdumpCheck()
                .expect("add rax,rcx", a -> a.add(S64, RAX, RCX))
                .expect("or ecx,DWORD PTR [rax]", a -> a.or(S32, RCX, Mem.of(RAX)))
                .expect("adc QWORD PTR [rax],rdx", a -> a.adc(S64, Mem.of(RAX), RDX))
                .expect("sbb rcx,QWORD PTR [rax]", a -> a.sbb(S64, RCX, Mem.of(RAX)))
                .expect("and r9d,r8d", a -> a.and(S32, R9, R8))
                .expect("and r9d,DWORD PTR [r8]", a -> a.and(S32, R9, Mem.of(R8)))
                .expect("sub DWORD PTR [rsp],r13d", a -> a.sub(S32, Mem.of(RSP), R13))
                .expect("sub r13,QWORD PTR [rsp]", a -> a.sub(S64, R13, Mem.of(RSP)))
                .expect("xor ebx,ebx", a -> a.xor(S32, RBX, RBX))
                .expect("xor bl,BYTE PTR [rbx]", a -> a.xor(S8, RBX, Mem.of(RBX)))
                .expect("cmp QWORD PTR [rbp+0x10],rax", a -> a.cmp(S64, Mem.of(RBP, 16), RAX))
                .expect("cmp rax,QWORD PTR [rbp+0x10]", a -> a.cmp(S64, RAX, Mem.of(RBP, 16)))
                .expect("add rcx,rdx", a -> a.alu(AluOp.ADD, S64, RCX, (Operand) RDX))
                .expect("add rcx,QWORD PTR [rdx]", a -> a.alu(AluOp.ADD, S64, RCX, (Operand) Mem.of(RDX)))
                .expect("add rcx,0xffffffffffffffff", a -> a.alu(AluOp.ADD, S64, RCX, Imm.of(-1)))
                .expect("cmp DWORD PTR [rdx],0xffffffff", a -> a.alu(AluOp.CMP, S32, Mem.of(RDX), Imm.of(0xFFFF_FFFFL)))
                .expect("mov rcx,rdx", a -> a.mov(S64, RCX, (Operand) RDX))
                .expect("mov rcx,QWORD PTR [rdx]", a -> a.mov(S64, RCX, (Operand) Mem.of(RDX)))
                .expect("mov QWORD PTR [rdx],0x7", a -> a.mov(S64, Mem.of(RDX), Imm.of(7)))
                .verify();
        var asm = new Assembler(CpuFeatures.all());
        assertThrows(IllegalArgumentException.class, () -> asm.alu(AluOp.ADD, S64, RAX, Imm.of(1L << 32)));
        assertThrows(IllegalArgumentException.class, () -> asm.alu(AluOp.ADD, S64, Mem.of(RAX), (Operand) Mem.of(RCX)));
        assertThrows(IllegalArgumentException.class, () -> asm.mov(S64, Mem.of(RAX), (Operand) Mem.of(RCX)));
        assertThrows(IllegalArgumentException.class, () -> asm.mov(S64, RAX, (Operand) Xmm.XMM0));
    }

    @Test
    void patchableImmediate() {
        var check = new ObjdumpCheck();
        int[] at = new int[2];
        check.expect("sub rsp,0x40", "48 81 ec 40 00 00 00", a -> at[0] = a.aluImm32(AluOp.SUB, S64, RSP, 0))
                .expect("add esp,0x12345678", "81 c4 78 56 34 12", a -> at[1] = a.aluImm32(AluOp.ADD, S32, RSP, 0));
        check.asm().patch32(at[0], 0x40);
        check.asm().patch32(at[1], 0x12345678);
        check.verify();
        assertThrows(IllegalArgumentException.class, () -> check.asm().aluImm32(AluOp.ADD, S8, RAX, 1));
    }

    @Test
    void test() {
        var check = new ObjdumpCheck();
        for (Size size : Size.values()) {
            for (Gpr r : Gpr.values()) {
                Gpr s = Gpr.of(15 - r.ordinal());
                check.expect("test " + reg(size, r) + "," + reg(size, s), a -> a.test(size, r, s));
                check.expect("test " + reg(size, r) + "," + imm(size, 0x71), a -> a.test(size, r, 0x71));
            }
            check.expect("test " + ptr(size) + "[rdi]," + reg(size, RDX), a -> a.test(size, Mem.of(Gpr.RDI), RDX));
            check.expect("test " + ptr(size) + "[rdi]," + imm(size, -2), a -> a.test(size, Mem.of(Gpr.RDI), -2));
        }
        check.expect("test al,0x1", "a8 01", a -> a.test(S8, RAX, 1))
                .expect("test eax,0x1", "a9 01 00 00 00", a -> a.test(S32, RAX, 1))
                .expect("test rax,0x1", "48 a9 01 00 00 00", a -> a.test(S64, RAX, 1))
                .expect("test dil,0x1", "40 f6 c7 01", a -> a.test(S8, Gpr.RDI, 1));
        check.verify();
    }

    @Test
    void incDecNotNegMulDiv() {
        var check = new ObjdumpCheck();
        String[] names = {"inc", "dec", "not", "neg", "mul", "imul", "div", "idiv"};
        for (String name : names) {
            for (Size size : Size.values()) {
                java.util.function.BiConsumer<Assembler, GprMem> emit = switch (name) {
                    case "inc" -> (a, o) -> a.inc(size, o);
                    case "dec" -> (a, o) -> a.dec(size, o);
                    case "not" -> (a, o) -> a.not(size, o);
                    case "neg" -> (a, o) -> a.neg(size, o);
                    case "mul" -> (a, o) -> a.mul(size, o);
                    case "imul" -> (a, o) -> a.imul(size, o);
                    case "div" -> (a, o) -> a.div(size, o);
                    default -> (a, o) -> a.idiv(size, o);
                };
                for (Gpr r : Gpr.values()) {
                    check.expect(name + " " + reg(size, r), a -> emit.accept(a, r));
                }
                check.expect(name + " " + ptr(size) + "[r13+0x0]", a -> emit.accept(a, Mem.of(R13)));
            }
        }
        check.expect("cdq", "99", Assembler::cdq).expect("cqo", "48 99", Assembler::cqo);
        check.verify();
    }

    @Test
    void imulTwoAndThreeOperands() {
        var check = new ObjdumpCheck();
        for (Size size : WIDE) {
            for (Gpr r : Gpr.values()) {
                Gpr s = Gpr.of((r.ordinal() + 5) & 15);
                check.expect("imul " + reg(size, r) + "," + reg(size, s), a -> a.imul(size, r, s));
                check.expect("imul " + reg(size, r) + "," + reg(size, s) + "," + imm(size, -2), a -> a.imul(size, r, s, -2));
                check.expect("imul " + reg(size, r) + "," + reg(size, s) + "," + imm(size, 0x1234), a -> a.imul(size, r, s, 0x1234));
            }
            check.expect("imul " + reg(size, RCX) + "," + ptr(size) + "[rsp+0x10]", a -> a.imul(size, RCX, Mem.of(RSP, 16)));
            check.expect("imul " + reg(size, RCX) + "," + ptr(size) + "[rsp+0x10],0x7f", a -> a.imul(size, RCX, Mem.of(RSP, 16), 0x7f));
        }
        check.verify();
        assertThrows(IllegalArgumentException.class, () -> new Assembler(CpuFeatures.all()).imul(S8, RAX, RCX));
    }

    @Test
    void shiftsAndRotates() {
        var check = new ObjdumpCheck();
        for (ShiftOp op : ShiftOp.values()) {
            String name = op.name().toLowerCase(Locale.ROOT);
            for (Size size : Size.values()) {
                for (Gpr r : Gpr.values()) {
                    check.expect(name + " " + reg(size, r) + ",1", a -> a.shift(op, size, r, 1));
                    check.expect(name + " " + reg(size, r) + ",0x5", a -> a.shift(op, size, r, 5));
                    check.expect(name + " " + reg(size, r) + ",cl", a -> a.shiftCl(op, size, r));
                }
                check.expect(name + " " + ptr(size) + "[rax+rbx*2],0x3f", a -> a.shift(op, size, Mem.of(RAX, RBX, 2, 0), 63));
                check.expect(name + " " + ptr(size) + "[rax+rbx*2],cl", a -> a.shiftCl(op, size, Mem.of(RAX, RBX, 2, 0)));
            }
        }
        check.expect("shl ecx,1", "d1 e1", a -> a.shl(S32, RCX, 1))
                .expect("shr rcx,0x3f", "48 c1 e9 3f", a -> a.shr(S64, RCX, 63))
                .expect("sar r8d,0x2", a -> a.sar(S32, R8, 2))
                .expect("rol r8w,0x2", a -> a.rol(S16, R8, 2))
                .expect("ror sil,0x2", a -> a.ror(S8, RSI, 2))
                .expect("shl rax,cl", a -> a.shlCl(S64, RAX))
                .expect("shr eax,cl", a -> a.shrCl(S32, RAX))
                .expect("sar eax,cl", a -> a.sarCl(S32, RAX))
                .expect("rol rax,cl", a -> a.rolCl(S64, RAX))
                .expect("ror rax,cl", a -> a.rorCl(S64, RAX));
        check.verify();
        assertThrows(IllegalArgumentException.class, () -> new Assembler(CpuFeatures.all()).shl(S32, RAX, 256));
    }

    @Test
    void bitInstructions() {
        var check = new ObjdumpCheck();
        for (Size size : WIDE) {
            for (Gpr r : Gpr.values()) {
                Gpr s = Gpr.of(15 - r.ordinal());
                check.expect("bsf " + reg(size, r) + "," + reg(size, s), a -> a.bsf(size, r, s));
                check.expect("bsr " + reg(size, r) + "," + reg(size, s), a -> a.bsr(size, r, s));
                check.expect("lzcnt " + reg(size, r) + "," + reg(size, s), a -> a.lzcnt(size, r, s));
                check.expect("tzcnt " + reg(size, r) + "," + reg(size, s), a -> a.tzcnt(size, r, s));
                check.expect("popcnt " + reg(size, r) + "," + reg(size, s), a -> a.popcnt(size, r, s));
                check.expect("bt " + reg(size, r) + "," + reg(size, s), a -> a.bt(size, r, s));
                check.expect("bt " + reg(size, r) + ",0x1f", a -> a.bt(size, r, 31));
            }
            String m = ptr(size) + "[r12+0x8]";
            check.expect("lzcnt " + reg(size, R9) + "," + m, a -> a.lzcnt(size, R9, Mem.of(R12, 8)));
            check.expect("tzcnt " + reg(size, R9) + "," + m, a -> a.tzcnt(size, R9, Mem.of(R12, 8)));
            check.expect("popcnt " + reg(size, R9) + "," + m, a -> a.popcnt(size, R9, Mem.of(R12, 8)));
            check.expect("bsr " + reg(size, R9) + "," + m, a -> a.bsr(size, R9, Mem.of(R12, 8)));
            check.expect("bsf " + reg(size, R9) + "," + m, a -> a.bsf(size, R9, Mem.of(R12, 8)));
            check.expect("bt " + m + "," + reg(size, R9), a -> a.bt(size, Mem.of(R12, 8), R9));
            check.expect("bt " + m + ",0x3", a -> a.bt(size, Mem.of(R12, 8), 3));
        }
        for (Gpr r : Gpr.values()) {
            check.expect("bswap " + reg(S32, r), a -> a.bswap(S32, r));
            check.expect("bswap " + reg(S64, r), a -> a.bswap(S64, r));
        }
        check.expect("popcnt ax,bx", "66 f3 0f b8 c3", a -> a.popcnt(S16, RAX, RBX))
                .expect("lzcnt r8,r9", "f3 4d 0f bd c1", a -> a.lzcnt(S64, R8, R9));
        check.verify();
        var asm = new Assembler(CpuFeatures.all());
        assertThrows(IllegalArgumentException.class, () -> asm.bswap(S16, RAX));
        assertThrows(IllegalArgumentException.class, () -> asm.popcnt(S8, RAX, RCX));
    }

    @Test
    void bitCountingNeedsTheCpuFeature() {
        var baseline = new Assembler(CpuFeatures.baseline());
        var e = assertThrows(UnsupportedOperationException.class, () -> baseline.lzcnt(S32, RAX, RCX));
        assertEquals("lzcnt needs LZCNT, which the target CPU does not have", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> baseline.tzcnt(S32, RAX, RCX));
        assertThrows(UnsupportedOperationException.class, () -> baseline.popcnt(S32, RAX, RCX));
        baseline.bsr(S32, RAX, RCX);
        baseline.bsf(S32, RAX, RCX);
        assertEquals(6, baseline.position(), "nothing emitted by the refused instructions");
        var withBmi = new Assembler(CpuFeatures.of(CpuFeature.BMI1, CpuFeature.POPCNT));
        withBmi.tzcnt(S64, RAX, RCX);
        withBmi.popcnt(S64, RAX, RCX);
        assertThrows(UnsupportedOperationException.class, () -> withBmi.lzcnt(S32, RAX, RCX));
    }

    @Test
    void setccAndCmovForEveryCondition() {
        var check = new ObjdumpCheck();
        for (Cond cond : Cond.values()) {
            String cc = Names.CC[cond.ordinal()];
            for (Gpr r : Gpr.values()) {
                check.expect("set" + cc + " " + reg(S8, r), a -> a.setcc(cond, r));
            }
            check.expect("set" + cc + " BYTE PTR [rbp-0x1]", a -> a.setcc(cond, Mem.of(RBP, -1)));
            for (Size size : WIDE) {
                Gpr d = Gpr.of((cond.ordinal() + 4) & 15);
                Gpr s = Gpr.of(15 - cond.ordinal());
                check.expect("cmov" + cc + " " + reg(size, d) + "," + reg(size, s), a -> a.cmov(cond, size, d, s));
                check.expect("cmov" + cc + " " + reg(size, d) + "," + ptr(size) + "[rsi]", a -> a.cmov(cond, size, d, Mem.of(RSI)));
            }
        }
        check.verify();
    }

    @Test
    void stackAndExchange() {
        var check = new ObjdumpCheck();
        for (Gpr r : Gpr.values()) {
            check.expect("push " + R64[r.ordinal()], a -> a.push(r));
            check.expect("pop " + R64[r.ordinal()], a -> a.pop(r));
            for (Size size : Size.values()) {
                Gpr s = Gpr.of(15 - r.ordinal());
                check.expect("xchg " + reg(size, r) + "," + reg(size, s), a -> a.xchg(size, r, s));
            }
        }
        check.expect("push QWORD PTR [rsp+0x8]", "ff 74 24 08", a -> a.push(Mem.of(RSP, 8)))
                .expect("pop QWORD PTR [r12]", "41 8f 04 24", a -> a.pop(Mem.of(R12)))
                .expect("push 0xffffffffffffffff", "6a ff", a -> a.pushImm(-1))
                .expect("push 0x12345678", "68 78 56 34 12", a -> a.pushImm(0x12345678))
                .expect("xchg QWORD PTR [rax],rcx", a -> a.xchg(S64, Mem.of(RAX), RCX))
                .expect("xchg BYTE PTR [rax],dil", a -> a.xchg(S8, Mem.of(RAX), Gpr.RDI))
                .expect("leave", "c9", Assembler::leave);
        check.verify();
    }

    private static Gpr[] withNull(Gpr[] regs) {
        var list = new java.util.ArrayList<Gpr>();
        list.add(null);
        list.addAll(List.of(regs));
        return list.toArray(Gpr[]::new);
    }
}

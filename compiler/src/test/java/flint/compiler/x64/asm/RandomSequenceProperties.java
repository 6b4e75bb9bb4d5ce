package flint.compiler.x64.asm;

import static flint.compiler.x64.asm.Size.S16;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S64;
import static flint.compiler.x64.asm.Size.S8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random valid instruction sequences, over the whole API and all operand kinds, must disassemble
 * without "(bad)" into exactly one objdump instruction per assembler call, with matching lengths.
 * This catches prefix-ordering and length bugs in forms the table tests do not spell out.
 */
class RandomSequenceProperties {

    /** One generated instruction; {@code emit} gets the assembler and a label bound at the start. */
    record Insn(String text, BiConsumer<Assembler, Label> emit) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A memory operand that may be RIP-relative to the start label. */
    record MemArg(String text, Function<Label, Mem> make) {
        @Override
        public String toString() {
            return text;
        }
    }

    @Property(tries = 120)
    void randomSequencesDisassembleOneForOne(@ForAll("programs") List<Insn> program) {
        var a = new Assembler(CpuFeatures.all());
        Label start = a.here();
        List<Integer> starts = new ArrayList<>();
        for (Insn insn : program) {
            starts.add(a.position());
            insn.emit().accept(a, start);
        }
        byte[] code = a.finish();
        var lines = Disassembler.objdump().disassemble(code);
        for (var line : lines) {
            if (line.text().contains("(bad)")) {
                fail("objdump could not decode " + line + "\nin " + Disassembler.format(lines));
            }
        }
        assertEquals(program.size(), lines.size(), () -> "instruction count differs:\n" + program + "\n" + Disassembler.format(lines));
        for (int i = 0; i < lines.size(); i++) {
            assertEquals((long) starts.get(i), lines.get(i).offset(), "instruction " + i + " (" + program.get(i) + ")");
        }
    }

    @Provide
    Arbitrary<List<Insn>> programs() {
        return Arbitraries.oneOf(instructions()).list().ofMinSize(1).ofMaxSize(40);
    }

    private static List<Arbitrary<Insn>> instructions() {
        Arbitrary<Gpr> gpr = Arbitraries.of(Gpr.class);
        Arbitrary<Xmm> xmm = Arbitraries.of(Xmm.class);
        Arbitrary<Size> size = Arbitraries.of(Size.class);
        Arbitrary<Size> wide = Arbitraries.of(S16, S32, S64);
        Arbitrary<Size> dw = Arbitraries.of(S32, S64);
        Arbitrary<Integer> anyInt = Arbitraries.oneOf(
                Arbitraries.integers().between(-128, 127), Arbitraries.integers(), Arbitraries.of(0, -1, 1, 0x80, Integer.MIN_VALUE));
        Arbitrary<Integer> imm8 = Arbitraries.integers().between(0, 255);
        Arbitrary<MemArg> mem = memory();
        Arbitrary<Object> gprMem = Arbitraries.oneOf(gpr.map(g -> (Object) g), mem.map(m -> (Object) m));
        Arbitrary<Object> xmmMem = Arbitraries.oneOf(xmm.map(x -> (Object) x), mem.map(m -> (Object) m));

        List<Arbitrary<Insn>> all = new ArrayList<>();
        all.add(Combinators.combine(Arbitraries.of(AluOp.class), size, gprMem, gpr)
                .as((op, s, d, r) -> insn(op + " " + s + " " + d + "," + r, (a, l) -> a.alu(op, s, gm(d, l), r))));
        all.add(Combinators.combine(Arbitraries.of(AluOp.class), size, gpr, mem)
                .as((op, s, r, m) -> insn(op + " " + s + " " + r + "," + m, (a, l) -> a.alu(op, s, r, m.make().apply(l)))));
        all.add(Combinators.combine(Arbitraries.of(AluOp.class), size, gprMem, anyInt)
                .as((op, s, d, v) -> insn(op + " " + s + " " + d + "," + v, (a, l) -> a.alu(op, s, gm(d, l), fit(s, v)))));
        all.add(Combinators.combine(size, gprMem, gpr)
                .as((s, d, r) -> insn("mov " + s + " " + d + "," + r, (a, l) -> a.mov(s, gm(d, l), r))));
        all.add(Combinators.combine(size, gpr, mem)
                .as((s, r, m) -> insn("mov " + s + " " + r + "," + m, (a, l) -> a.mov(s, r, m.make().apply(l)))));
        all.add(Combinators.combine(size, gprMem, Arbitraries.longs())
                .as((s, d, v) -> insn("movImm " + s + " " + d + "," + v, (a, l) -> {
                    GprMem dst = gm(d, l);
                    long value = dst instanceof Gpr && s == S64 ? v : fit(s, (int) (long) v);
                    a.movImm(s, dst, value);
                })));
        all.add(Combinators.combine(wide, gpr, Arbitraries.of(S8, S16), gprMem, Arbitraries.of(true, false))
                .as((ds, r, ss, src, signed) -> insn((signed ? "movsx " : "movzx ") + ds + " " + r + "," + ss + " " + src,
                        (a, l) -> {
                            Size srcSize = ds == S16 ? S8 : ss;
                            if (signed) {
                                a.movsx(ds, r, srcSize, gm(src, l));
                            } else {
                                a.movzx(ds, r, srcSize, gm(src, l));
                            }
                        })));
        all.add(Combinators.combine(gpr, gprMem).as((r, src) -> insn("movsxd " + r + "," + src, (a, l) -> a.movsxd(r, gm(src, l)))));
        all.add(Combinators.combine(wide, gpr, mem).as((s, r, m) -> insn("lea " + s + " " + r + "," + m, (a, l) -> a.lea(s, r, m.make().apply(l)))));
        all.add(Combinators.combine(size, gprMem, gpr).as((s, d, r) -> insn("test " + s + " " + d + "," + r, (a, l) -> a.test(s, gm(d, l), r))));
        all.add(Combinators.combine(size, gprMem, anyInt).as((s, d, v) -> insn("test " + s + " " + d + "," + v, (a, l) -> a.test(s, gm(d, l), fit(s, v)))));
        all.add(Combinators.combine(size, gprMem, Arbitraries.integers().between(0, 7))
                .as((s, d, k) -> insn("group " + k + " " + s + " " + d, (a, l) -> {
                    GprMem o = gm(d, l);
                    switch (k) {
                        case 0 -> a.inc(s, o);
                        case 1 -> a.dec(s, o);
                        case 2 -> a.not(s, o);
                        case 3 -> a.neg(s, o);
                        case 4 -> a.mul(s, o);
                        case 5 -> a.imul(s, o);
                        case 6 -> a.div(s, o);
                        default -> a.idiv(s, o);
                    }
                })));
        all.add(Combinators.combine(wide, gpr, gprMem, anyInt).as((s, r, src, v) -> insn("imul " + s + " " + r + "," + src + "," + v,
                (a, l) -> a.imul(s, r, gm(src, l), fit(s, v)))));
        all.add(Combinators.combine(wide, gpr, gprMem).as((s, r, src) -> insn("imul " + s + " " + r + "," + src, (a, l) -> a.imul(s, r, gm(src, l)))));
        all.add(Combinators.combine(Arbitraries.of(ShiftOp.class), size, gprMem, Arbitraries.integers().between(-1, 255))
                .as((op, s, d, c) -> insn(op + " " + s + " " + d + "," + (c < 0 ? "cl" : c), (a, l) -> {
                    if (c < 0) {
                        a.shiftCl(op, s, gm(d, l));
                    } else {
                        a.shift(op, s, gm(d, l), c);
                    }
                })));
        all.add(Combinators.combine(Arbitraries.of(Cond.class), gprMem).as((c, d) -> insn("set" + c + " " + d, (a, l) -> a.setcc(c, gm(d, l)))));
        all.add(Combinators.combine(Arbitraries.of(Cond.class), wide, gpr, gprMem)
                .as((c, s, r, src) -> insn("cmov" + c + " " + s + " " + r + "," + src, (a, l) -> a.cmov(c, s, r, gm(src, l)))));
        all.add(Combinators.combine(Arbitraries.integers().between(0, 5), wide, gpr, gprMem)
                .as((k, s, r, src) -> insn("bitop " + k + " " + s + " " + r + "," + src, (a, l) -> {
                    GprMem o = gm(src, l);
                    switch (k) {
                        case 0 -> a.bsf(s, r, o);
                        case 1 -> a.bsr(s, r, o);
                        case 2 -> a.lzcnt(s, r, o);
                        case 3 -> a.tzcnt(s, r, o);
                        case 4 -> a.popcnt(s, r, o);
                        default -> a.bt(s, o, r);
                    }
                })));
        all.add(Combinators.combine(wide, gprMem, imm8).as((s, d, b) -> insn("bt " + s + " " + d + "," + b, (a, l) -> a.bt(s, gm(d, l), b))));
        all.add(Combinators.combine(dw, gpr).as((s, r) -> insn("bswap " + s + " " + r, (a, l) -> a.bswap(s, r))));
        all.add(Combinators.combine(gprMem, Arbitraries.of(true, false)).as((d, push) -> insn((push ? "push " : "pop ") + d, (a, l) -> {
            if (push) {
                a.push(gm(d, l));
            } else {
                a.pop(gm(d, l));
            }
        })));
        all.add(anyInt.map(v -> insn("push " + v, (a, l) -> a.pushImm(v))));
        all.add(Combinators.combine(size, gprMem, gpr).as((s, d, r) -> insn("xchg " + s + " " + d + "," + r, (a, l) -> a.xchg(s, gm(d, l), r))));
        all.add(Arbitraries.of("cdq", "cqo", "leave", "ret", "nop", "int3").map(n -> insn(n, (a, l) -> {
            switch (n) {
                case "cdq" -> a.cdq();
                case "cqo" -> a.cqo();
                case "leave" -> a.leave();
                case "ret" -> a.ret();
                case "nop" -> a.nop();
                default -> a.int3();
            }
        })));
        all.add(Arbitraries.integers().between(1, 9).map(n -> insn("nop" + n, (a, l) -> a.nop(n))));
        all.add(Combinators.combine(Arbitraries.of(Cond.class), Arbitraries.of(true, false))
                .as((c, jcc) -> insn((jcc ? "j" + c : "jmp") + " start", (a, l) -> {
                    if (jcc) {
                        a.jcc(c, l);
                    } else {
                        a.jmp(l);
                    }
                })));
        all.add(Combinators.combine(gprMem, Arbitraries.of(true, false)).as((t, call) -> insn((call ? "call " : "jmp ") + t, (a, l) -> {
            if (call) {
                a.call(gm(t, l));
            } else {
                a.jmp(gm(t, l));
            }
        })));
        all.add(Arbitraries.integers().between(0, 100).map(i -> insn("call f" + i, (a, l) -> a.callFunction(i))));

        // SSE
        all.add(Combinators.combine(Arbitraries.of(SseOp.class), xmm, xmmMem, imm8)
                .as((op, d, src, i) -> insn(op.mnemonic() + " " + d + "," + src, (a, l) -> {
                    if (op.hasImm8()) {
                        a.sse(op, d, xm(src, l), i);
                    } else {
                        a.sse(op, d, xm(src, l));
                    }
                })));
        all.add(Combinators.combine(Arbitraries.integers().between(0, 9), xmm, mem).as((k, x, m) -> insn("store " + k + " " + m + "," + x, (a, l) -> {
            Mem d = m.make().apply(l);
            switch (k) {
                case 0 -> a.movss(d, x);
                case 1 -> a.movsd(d, x);
                case 2 -> a.movaps(d, x);
                case 3 -> a.movups(d, x);
                case 4 -> a.movapd(d, x);
                case 5 -> a.movupd(d, x);
                case 6 -> a.movdqa(d, x);
                case 7 -> a.movdqu(d, x);
                case 8 -> a.movq(d, x);
                default -> a.movd(d, x);
            }
        })));
        all.add(Combinators.combine(Arbitraries.integers().between(0, 3), xmm, gpr, gprMem).as((k, x, r, o) -> insn("xfer " + k + " " + x + "," + r + "," + o, (a, l) -> {
            switch (k) {
                case 0 -> a.movd(x, gm(o, l));
                case 1 -> a.movd(gm(o, l), x);
                case 2 -> a.movq(x, r);
                default -> a.movq(r, x);
            }
        })));
        all.add(Combinators.combine(Arbitraries.integers().between(0, 7), dw, xmm, gpr, gprMem, xmmMem)
                .as((k, s, x, r, o, xo) -> insn("cvt " + k + " " + s + " " + x + "," + r + "," + o + "," + xo, (a, l) -> {
                    switch (k) {
                        case 0 -> a.cvtsi2ss(x, s, gm(o, l));
                        case 1 -> a.cvtsi2sd(x, s, gm(o, l));
                        case 2 -> a.cvttss2si(s, r, xm(xo, l));
                        case 3 -> a.cvttsd2si(s, r, xm(xo, l));
                        case 4 -> a.cvtss2si(s, r, xm(xo, l));
                        case 5 -> a.cvtsd2si(s, r, xm(xo, l));
                        case 6 -> a.movq(x, xm(xo, l));
                        default -> a.movmskps(r, x);
                    }
                })));
        all.add(Combinators.combine(Arbitraries.integers().between(0, 9), xmm, gprMem, imm8).as((k, x, o, i) -> insn("lane " + k + " " + x + "," + o + "," + i, (a, l) -> {
            GprMem g = gm(o, l);
            switch (k) {
                case 0 -> a.pinsrb(x, g, i);
                case 1 -> a.pinsrw(x, g, i);
                case 2 -> a.pinsrd(x, g, i);
                case 3 -> a.pinsrq(x, g, i);
                case 4 -> a.pextrb(g, x, i);
                case 5 -> a.pextrw(g, x, i);
                case 6 -> a.pextrd(g, x, i);
                case 7 -> a.pextrq(g, x, i);
                case 8 -> a.extractps(g, x, i);
                default -> a.pmovmskb(g instanceof Gpr r ? r : Gpr.RAX, x);
            }
        })));
        all.add(Combinators.combine(Arbitraries.integers().between(0, 9), xmm, imm8).as((k, x, i) -> insn("pshift " + k + " " + x + "," + i, (a, l) -> {
            switch (k) {
                case 0 -> a.psllw(x, i);
                case 1 -> a.pslld(x, i);
                case 2 -> a.psllq(x, i);
                case 3 -> a.psrlw(x, i);
                case 4 -> a.psrld(x, i);
                case 5 -> a.psrlq(x, i);
                case 6 -> a.psraw(x, i);
                case 7 -> a.psrad(x, i);
                case 8 -> a.pslldq(x, i);
                default -> a.psrldq(x, i);
            }
        })));
        return all;
    }

    private static Arbitrary<MemArg> memory() {
        Arbitrary<Gpr> base = Arbitraries.of(Gpr.class).injectNull(0.1);
        Arbitrary<Gpr> index = Arbitraries.of(Gpr.class).filter(g -> g != Gpr.RSP).injectNull(0.4);
        Arbitrary<Integer> disp = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(-128, 127), Arbitraries.integers());
        Arbitrary<MemArg> based = Combinators.combine(base, index, Arbitraries.of(Scale.class), disp).as((b, i, s, d) -> {
            Mem m = b == null && i == null ? Mem.absolute(d)
                    : b == null ? Mem.indexed(i, s, d)
                    : new Mem.BaseIndex(b, i, i == null ? Scale.ONE : s, d);
            return new MemArg(m.toString(), l -> m);
        });
        // a RIP-relative addend must keep label + addend within ±2 GiB of the instruction
        Arbitrary<MemArg> rip = Arbitraries.integers().between(-4096, 4096)
                .map(d -> new MemArg("[rip+start+" + d + "]", l -> Mem.rip(l, d)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, based),
                net.jqwik.api.Tuple.of(1, rip));
    }

    private static Insn insn(String text, BiConsumer<Assembler, Label> emit) {
        return new Insn(text, emit);
    }

    private static GprMem gm(Object o, Label start) {
        return o instanceof MemArg m ? m.make().apply(start) : (Gpr) o;
    }

    private static XmmMem xm(Object o, Label start) {
        return o instanceof MemArg m ? m.make().apply(start) : (Xmm) o;
    }

    /** Truncates a random int to what an immediate of this operand size accepts. */
    private static int fit(Size s, int v) {
        return switch (s) {
            case S8 -> (byte) v;
            case S16 -> (short) v;
            default -> v;
        };
    }
}

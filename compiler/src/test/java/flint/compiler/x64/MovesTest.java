package flint.compiler.x64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import flint.wasm.model.NumType;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.CpuFeatures;
import flint.compiler.x64.asm.Disassembler;
import flint.compiler.x64.asm.Gpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Parallel moves: random sets of moves between registers, frame slots, incoming slots and
 * constants (with shared sources, chains and cycles), emitted, decoded by objdump and executed by
 * a tiny simulator of {@code mov}, must leave every destination with its source's old value and
 * touch nothing else but the scratch registers.
 */
class MovesTest {
    private static final Pattern MOV = Pattern.compile("(mov|movabs) (?:(QWORD|DWORD) PTR \\[rbp([+-]0x[0-9a-f]+)\\]|(\\w+)),"
            + "(?:(QWORD|DWORD) PTR \\[rbp([+-]0x[0-9a-f]+)\\]|(\\w+))");

    @Test
    void randomParallelMovesKeepEveryValue() {
        var random = new Random(42);
        for (int round = 0; round < 300; round++) {
            var places = new ArrayList<Location>();
            for (var g : RegisterAllocator.ALLOCATABLE) places.add(Location.reg(g));
            for (int k = 0; k < 6; k++) places.add(new Location.Slot(Frame.slotOffset(k)));
            for (int i = 0; i < 3; i++) places.add(new Location.Slot(Frame.incomingOffset(i)));
            java.util.Collections.shuffle(places, random);
            int n = 1 + random.nextInt(places.size() - 1);
            var moves = new ArrayList<Moves.Move>();
            for (int i = 0; i < n; i++) {
                var dst = places.get(i);
                Location src = random.nextInt(6) == 0
                        ? Location.constant(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(100))
                        : places.get(random.nextInt(places.size()));
                moves.add(new Moves.Move(dst, src, NumType.I64));
            }
            check(moves);
        }
    }

    @Test
    void aSwapOfTwoRegistersAndARotationOfSlots() {
        var rax = Location.reg(Gpr.RAX);
        var rcx = Location.reg(Gpr.RCX);
        var s0 = new Location.Slot(Frame.slotOffset(0));
        var s1 = new Location.Slot(Frame.slotOffset(1));
        var s2 = new Location.Slot(Frame.slotOffset(2));
        check(List.of(new Moves.Move(rax, rcx, NumType.I64), new Moves.Move(rcx, rax, NumType.I64)));
        check(List.of(new Moves.Move(s0, s1, NumType.I64), new Moves.Move(s1, s2, NumType.I64),
                new Moves.Move(s2, s0, NumType.I64)));
    }

    private static void check(List<Moves.Move> moves) {
        var asm = new Assembler(CpuFeatures.all());
        new Moves(asm).parallel(moves);
        byte[] code = asm.finish();
        Map<String, Long> state = new HashMap<>();
        // every place starts with a distinct value
        Map<String, Long> initial = new HashMap<>();
        var lines = code.length == 0 ? List.<Disassembler.Line>of() : Disassembler.objdump().disassemble(code);
        for (var line : lines) {
            var m = MOV.matcher(line.text());
            assertFalse(!m.matches(), "only moves expected: " + line);
            String dst = m.group(3) != null ? "[" + Long.decode(m.group(3).replace("+", "")) + "]" : canonical(m.group(4));
            long value;
            if (m.group(6) != null) {
                value = read(state, "[" + Long.decode(m.group(6).replace("+", "")) + "]");
            } else if (m.group(7).startsWith("0x")) {
                value = Long.parseUnsignedLong(m.group(7).substring(2), 16);
                if (m.group(2) == null && m.group(1).equals("mov") && !is64(m.group(4))) value &= 0xFFFF_FFFFL;
            } else {
                value = read(state, canonical(m.group(7)));
            }
            state.put(dst, value);
        }
        for (var move : moves) {
            long want = switch (move.src()) {
                case Location.Const(long v) -> v;
                default -> initialValue(name(move.src()));
            };
            long got = state.containsKey(name(move.dst())) ? state.get(name(move.dst())) : initialValue(name(move.dst()));
            assertEquals(want, got, () -> "after " + moves + ", " + move.dst() + ":\n" + Disassembler.format(lines));
        }
        // nothing else written but the scratch registers
        var dsts = moves.stream().map(m -> name(m.dst())).toList();
        for (var written : state.keySet()) {
            if (written.equals("r10") || written.equals("r11")) continue;
            assertFalse(!dsts.contains(written), () -> written + " was written by " + moves);
        }
    }

    private static boolean is64(String reg) {
        return reg.startsWith("r");
    }

    private static long read(Map<String, Long> state, String place) {
        return state.containsKey(place) ? state.get(place) : initialValue(place);
    }

    private static long initialValue(String place) {
        return place.hashCode() * 0x9E3779B97F4A7C15L;
    }

    private static String name(Location loc) {
        return switch (loc) {
            case Location.Reg(Gpr g) -> g.name(flint.compiler.x64.asm.Size.S64);
            case Location.Slot(int offset) -> "[" + offset + "]";
            default -> throw new IllegalArgumentException(loc.toString());
        };
    }

    /** The 64-bit name of a register named at any size. */
    private static String canonical(String reg) {
        for (var g : Gpr.values()) {
            for (var size : flint.compiler.x64.asm.Size.values()) {
                if (g.name(size).equals(reg)) return g.name(flint.compiler.x64.asm.Size.S64);
            }
        }
        return reg;
    }
}

package flint.compiler.x64.asm;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects instruction cases in one assembler, disassembles the whole buffer with objdump once,
 * and checks every case: an instruction must start at the case's offset, objdump must decode
 * exactly the bytes the assembler emitted for it, and print the text the test expects (Intel
 * syntax, whitespace collapsed). All mismatches are reported together.
 *
 * <p>objdump is required: a missing one fails the test with {@link Disassembler}'s message.
 */
final class ObjdumpCheck {
    private record Case(List<String> expected, String hexBytes, int start, int end) {}

    private final Assembler asm;
    private final List<Case> cases = new ArrayList<>();

    ObjdumpCheck() {
        this(new Assembler(CpuFeatures.all()));
    }

    ObjdumpCheck(Assembler asm) {
        this.asm = asm;
    }

    Assembler asm() {
        return asm;
    }

    /** One instruction: {@code emit} must produce exactly one instruction that objdump prints as {@code expected}. */
    ObjdumpCheck expect(String expected, Consumer<Assembler> emit) {
        return expectAll(List.of(expected), emit);
    }

    /**
     * One instruction whose exact bytes are also stated ("48 89 d8"): for the cases where the
     * assembler must pick a particular encoding (shortest form, accumulator form), which the text
     * alone would not show.
     */
    ObjdumpCheck expect(String expected, String hexBytes, Consumer<Assembler> emit) {
        int start = asm.position();
        emit.accept(asm);
        cases.add(new Case(List.of(normalize(expected)), normalize(hexBytes), start, asm.position()));
        return this;
    }

    /** Several consecutive instructions. */
    ObjdumpCheck expectAll(List<String> expected, Consumer<Assembler> emit) {
        int start = asm.position();
        emit.accept(asm);
        cases.add(new Case(expected.stream().map(ObjdumpCheck::normalize).toList(), null, start, asm.position()));
        return this;
    }

    int size() {
        return cases.size();
    }

    /** Finishes the assembler and checks all cases; returns the disassembly for further checks. */
    List<Disassembler.Line> verify() {
        byte[] code = asm.finish();
        List<Disassembler.Line> lines = Disassembler.objdump().disassemble(code);
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            index.put(lines.get(i).offset(), i);
        }
        HexFormat hex = HexFormat.ofDelimiter(" ");
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            String bytes = hex.formatHex(code, c.start(), c.end());
            if (c.hexBytes() != null && !c.hexBytes().equals(bytes)) {
                failures.add("expected " + c.expected() + " encoded as [" + c.hexBytes() + "] but got [" + bytes + "]");
            }
            Integer first = index.get((long) c.start());
            if (first == null) {
                failures.add("expected " + c.expected() + " at 0x" + Integer.toHexString(c.start())
                        + " but no instruction starts there; bytes " + bytes);
                continue;
            }
            int pos = c.start();
            int before = failures.size();
            for (int k = 0; k < c.expected().size(); k++) {
                Disassembler.Line line = first + k < lines.size() ? lines.get(first + k) : null;
                String want = c.expected().get(k);
                if (line == null || line.offset() != pos) {
                    failures.add("expected '" + want + "' at 0x" + Integer.toHexString(pos) + ", got " + line
                            + "; case bytes " + bytes);
                    break;
                }
                if (!line.text().equals(want)) {
                    failures.add("expected '" + want + "' got '" + line.text() + "'  [" + hex.formatHex(line.bytes()) + "]");
                }
                pos += line.length();
            }
            if (pos != c.end() && failures.size() == before) {
                failures.add("for " + c.expected() + " the assembler emitted " + (c.end() - c.start())
                        + " bytes but objdump decoded " + (pos - c.start()) + ": " + bytes);
            }
        }
        for (var line : lines) {
            if (line.text().contains("(bad)") && line.offset() < lastEnd()) {
                failures.add("objdump could not decode: " + line);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " cases wrong:\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(60, failures.size()))));
        }
        return lines;
    }

    private int lastEnd() {
        return cases.isEmpty() ? 0 : cases.getLast().end();
    }

    static String normalize(String text) {
        return text.trim().replaceAll("\\s+", " ");
    }
}

package flint.wasm.binary;

import static flint.wasm.binary.MalformedModuleException.*;

import flint.wasm.model.ConstExpr;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The structural syntax of code: blocks nest, {@code else} appears only once inside an
 * {@code if}, and the code is exactly one sequence closed by its own {@code end}. Errors use the
 * testsuite's wording: a misplaced {@code else} (or anything but {@code end} where the enclosing
 * sequence must close) is "END opcode expected", code that runs out is "unexpected end of section
 * or function".
 *
 * <p>The walk is iterative (a small stack of frame kinds), so deeply nested input cannot overflow
 * the Java stack.
 */
public final class CodeSyntax {
    private CodeSyntax() {}

    private static final byte OTHER = 0;
    private static final byte IF = 1;       // an if that may still see its else
    private static final byte IF_ELSE = 2;  // an if after its else

    /**
     * What a syntax check found out on the way.
     *
     * @param endOffset         the module offset just after the closing {@code end}
     * @param dataIndexOffset   the module offset of the first {@code memory.init} or
     *                          {@code data.drop} (which need a data count section), or -1
     */
    public record Summary(int endOffset, int dataIndexOffset) {
        public boolean usesDataIndex() { return dataIndexOffset >= 0; }
    }

    /**
     * Checks a function body's code as a whole: well nested, ending with the function's
     * {@code end} exactly at the end of the bytes.
     */
    public static Summary checkBody(FunctionBody body) {
        var reader = new CodeReader(body);
        var summary = check(reader, null);
        if (reader.hasNext()) throw new MalformedModuleException(SECTION_SIZE_MISMATCH, "(code after the function's end)", reader.offset());
        return summary;
    }

    /**
     * Reads instructions up to and including the {@code end} that closes the code, checking the
     * nesting; the reader is left just after that {@code end}. If {@code collect} is non-null,
     * every instruction but that final {@code end} is added to it.
     */
    static Summary check(CodeReader reader, ArrayList<Instruction> collect) {
        byte[] frames = new byte[8];
        int depth = 1;
        frames[0] = OTHER;
        int dataIndexOffset = -1;
        while (true) {
            if (!reader.hasNext()) throw new MalformedModuleException(UNEXPECTED_END_OF_SECTION, reader.offset());
            Instruction insn = null;
            Opcode op;
            if (collect != null) {
                insn = reader.next();
                op = insn.opcode();
            } else {
                op = reader.skip();
            }
            switch (op) {
                case END -> {
                    if (--depth == 0) return new Summary(reader.offset(), dataIndexOffset);
                }
                case ELSE -> {
                    if (frames[depth - 1] != IF) throw new MalformedModuleException(END_EXPECTED, "(else outside an if)", reader.lastOffset());
                    frames[depth - 1] = IF_ELSE;
                }
                case BLOCK, LOOP, TRY_TABLE, IF -> {
                    if (depth == frames.length) frames = Arrays.copyOf(frames, depth * 2);
                    frames[depth++] = op == Opcode.IF ? IF : OTHER;
                }
                case MEMORY_INIT, DATA_DROP -> {
                    if (dataIndexOffset < 0) dataIndexOffset = reader.lastOffset();
                }
                default -> { }
            }
            if (collect != null) collect.add(insn);
        }
    }

    /** Reads a constant expression (instructions and their closing {@code end}) at the reader's position. */
    static ConstExpr readConstExpr(ByteReader in) {
        var instructions = new ArrayList<Instruction>(2);
        check(new CodeReader(in), instructions);
        return new ConstExpr(instructions);
    }
}

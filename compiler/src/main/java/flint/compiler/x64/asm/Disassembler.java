package flint.compiler.x64.asm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Disassembles x86-64 machine code by running GNU objdump (binutils) in Intel syntax. Used by the
 * assembler's tests as the independent judge of every encoding, and by {@code flint compile --emit
 * asm} to show generated code.
 *
 * <p>The executable is {@code objdump} on the PATH unless the system property {@code flint.objdump}
 * names another (e.g. {@code x86_64-linux-gnu-objdump} on a non-x86 host). A missing objdump is an
 * {@link IllegalStateException} that says how to install it, never a silent empty result.
 */
public final class Disassembler {
    /** One decoded instruction. {@code text} has objdump's whitespace runs collapsed to one space. */
    public record Line(long offset, byte[] bytes, String text) {
        public Line {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public String toString() {
            return String.format("%8x:  %-32s %s", offset, HexFormat.ofDelimiter(" ").formatHex(bytes), text);
        }
    }

    // "   1a:\t48 8d 05 10 00 00 00 \tlea    rax,[rip+0x10]        # 0x31"
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*(?:\\t(.*))?$");
    private static final long TIMEOUT_SECONDS = 60;

    private final String executable;

    public Disassembler(String executable) {
        this.executable = executable;
    }

    /** The objdump named by {@code -Dflint.objdump}, else {@code objdump} from the PATH. */
    public static Disassembler objdump() {
        return new Disassembler(System.getProperty("flint.objdump", "objdump"));
    }

    /** Disassembles {@code code} as if loaded at address 0. */
    public List<Line> disassemble(byte[] code) {
        return disassemble(code, 0);
    }

    /** Disassembles {@code code} as if loaded at {@code baseAddress} (branch targets are shown absolute). */
    public List<Line> disassemble(byte[] code, long baseAddress) {
        if (code.length == 0) {
            return List.of();
        }
        Path file = null;
        try {
            file = Files.createTempFile("flint-code-", ".bin");
            Files.write(file, code);
            return parse(run(file, baseAddress));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write code for objdump: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /** One instruction a line, {@code offset: bytes  text}, as the CLI prints it. */
    public static String format(List<Line> lines) {
        var sb = new StringBuilder();
        for (Line line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private String run(Path file, long baseAddress) {
        List<String> command = List.of(executable, "-D", "-z", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
                "--insn-width=16", "--adjust-vma=0x" + Long.toHexString(baseAddress), file.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + executable + "' (" + e.getMessage() + "): install GNU "
                    + "binutils (e.g. apt-get install binutils) or point -Dflint.objdump at an objdump for x86-64", e);
        }
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(executable + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(executable + " failed with exit code " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("reading " + executable + " output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + executable, e);
        }
    }

    /** Keeps the instruction lines; a bytes-only line continues the previous instruction. */
    static List<Line> parse(String objdumpOutput) {
        List<Line> lines = new ArrayList<>();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (String raw : objdumpOutput.split("\n")) {
            var m = LINE.matcher(raw);
            if (!m.matches()) {
                continue;
            }
            long offset = Long.parseUnsignedLong(m.group(1), 16);
            byte[] bytes = hex.parseHex(m.group(2).trim());
            String text = m.group(3);
            if (text == null || text.isBlank()) {
                if (!lines.isEmpty()) {
                    Line prev = lines.removeLast();
                    byte[] joined = new byte[prev.length() + bytes.length];
                    System.arraycopy(prev.bytes(), 0, joined, 0, prev.length());
                    System.arraycopy(bytes, 0, joined, prev.length(), bytes.length);
                    lines.add(new Line(prev.offset(), joined, prev.text()));
                }
                continue;
            }
            lines.add(new Line(offset, bytes, text.trim().replaceAll("\\s+", " ")));
        }
        return lines;
    }
}

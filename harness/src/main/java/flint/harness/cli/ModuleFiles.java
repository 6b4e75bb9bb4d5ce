package flint.harness.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads module files, turning every way that can fail into a one-line {@link CliError}. */
final class ModuleFiles {
    private ModuleFiles() {}

    private static final byte[] MAGIC = {0, 'a', 's', 'm'};

    /** Whether these bytes are a binary module (else they are taken for the text format). */
    static boolean isBinary(byte[] bytes) {
        return bytes.length >= 4 && java.util.Arrays.equals(bytes, 0, 4, MAGIC, 0, 4);
    }

    /**
     * Decodes a binary module without validating it, or parses a text one; a file that is neither
     * fails with what is wrong and where.
     */
    static flint.wasm.model.WasmModule decode(Path file, byte[] bytes) {
        try {
            return isBinary(bytes)
                    ? flint.wasm.binary.ModuleDecoder.decode(bytes)
                    : flint.wasm.text.WatParser.parse(bytes, file.toString());
        } catch (flint.wasm.binary.UnsupportedFeatureException | flint.wasm.text.UnsupportedFeatureException e) {
            throw CliError.badInput(file + ": unsupported by Flint: " + e.getMessage(), e);
        } catch (flint.wasm.binary.MalformedModuleException e) {
            throw CliError.badInput(file + ": malformed module: " + e.getMessage(), e);
        } catch (flint.wasm.text.TextParseException e) {
            throw CliError.badInput("malformed text module: " + e.getMessage(), e);
        }
    }

    /**
     * The binary module in {@code file}: its bytes, or for a {@code .wat} file the encoding of the
     * module it parses to (so {@code run} takes text too, and every engine sees binary).
     */
    static byte[] readBinary(Path file) {
        byte[] bytes = read(file);
        if (!file.getFileName().toString().endsWith(".wat") || isBinary(bytes)) {
            return bytes;
        }
        return flint.wasm.binary.ModuleEncoder.encode(decode(file, bytes));
    }

    static byte[] read(Path file) {
        if (Files.isDirectory(file)) {
            throw CliError.badInput(file + ": is a directory, not a module file", null);
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CliError.badInput(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw CliError.badInput(file + ": permission denied", e);
        } catch (IOException e) {
            throw CliError.badInput(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}

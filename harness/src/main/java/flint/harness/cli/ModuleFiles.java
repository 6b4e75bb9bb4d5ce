package flint.harness.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads module files, turning every way that can fail into a one-line {@link CliError}. */
final class ModuleFiles {
    private ModuleFiles() {}

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

package flint.wasm.text;

import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.WasmModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The WebAssembly text format (WAT) into the module model: {@code (module ...)} or, as the spec
 * allows, the module's fields alone. Supports Wasm 2.0 with SIMD, tail calls, exception
 * handling ({@code try_table}), typed function references, multiple and 64-bit memories and
 * tables, extended constant expressions and {@code @custom} annotations. Errors are
 * {@link TextParseException}s whose message starts with the spec testsuite's wording; the GC
 * type system and other proposals the model lacks give an {@link UnsupportedFeatureException}.
 */
public final class WatParser {
    private WatParser() {}

    public static WasmModule parse(String text) {
        return parse(text, "<input>");
    }

    /** Parses module text; {@code fileName} is used in error messages. */
    public static WasmModule parse(String text, String fileName) {
        return ModuleParser.parse(Lexer.lex(text, fileName), fileName).module();
    }

    /** Parses module text given as UTF-8 bytes; ill-formed UTF-8 is an error ("malformed UTF-8 encoding"). */
    public static WasmModule parse(byte[] utf8, String fileName) {
        return parse(SourceText.decode(utf8, fileName), fileName);
    }

    public static WasmModule parse(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses module text and encodes it in the binary format. */
    public static byte[] toBinary(String text, String fileName) {
        return ModuleEncoder.encode(parse(text, fileName));
    }

    /** The module and the {@code $name} of {@code (module $name ...)}, if given. */
    static ModuleParser.Parsed parseNamed(String text, String fileName) {
        return ModuleParser.parse(Lexer.lex(text, fileName), fileName);
    }
}

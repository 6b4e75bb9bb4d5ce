package flint.wasm.text;

import flint.wasm.binary.ModuleDecoder;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.WasmModule;

import java.util.HexFormat;
import java.util.Optional;

/**
 * A module as a script gives it. Text and quoted modules are kept unparsed, so that whoever runs
 * the script decides what a parse error means (for {@code assert_malformed} it is the expected
 * outcome).
 */
public sealed interface ModuleSource {

    /** The module in the model: parsed, or decoded from its binary form. */
    WasmModule module();

    /** The module in the binary format: as given, or parsed and encoded. */
    byte[] binary();

    /**
     * {@code (module ...)} written in the text format. {@code text} holds the module's fields
     * (after the {@code module} keyword and name), starting at {@code line}:{@code column} of
     * the script, so parse errors point into the script.
     */
    record Text(String fileName, String text, int line, int column) implements ModuleSource {
        @Override public WasmModule module() {
            return ModuleParser.parse(Lexer.lex(text, fileName, 0, text.length(), line, column), fileName).module();
        }

        @Override public byte[] binary() { return ModuleEncoder.encode(module()); }

        @Override public String toString() {
            return "Text[" + fileName + ":" + line + ", " + text.length() + " chars]";
        }
    }

    /**
     * {@code (module quote "...")}: the concatenated strings, as bytes (they need not be
     * well-formed UTF-8; that is one of the errors such modules test).
     */
    record Quote(String fileName, int line, byte[] text) implements ModuleSource {
        public Quote {
            text = text.clone();
        }

        @Override public byte[] text() { return text.clone(); }

        /** The quoted text, decoded leniently (for display). */
        public String textString() { return new String(text, java.nio.charset.StandardCharsets.UTF_8); }

        @Override public WasmModule module() {
            String name = fileName + ":" + line + " (quote)";
            return WatParser.parse(text, name);
        }

        @Override public byte[] binary() { return ModuleEncoder.encode(module()); }

        @Override public boolean equals(Object o) {
            return o instanceof Quote q && fileName.equals(q.fileName) && line == q.line && java.util.Arrays.equals(text, q.text);
        }

        @Override public int hashCode() { return java.util.Arrays.hashCode(text) * 31 + line; }

        @Override public String toString() { return "Quote[" + fileName + ":" + line + ", " + textString() + "]"; }
    }

    /** {@code (module binary "...")}: the concatenated bytes. */
    record Binary(byte[] bytes) implements ModuleSource {
        public Binary {
            bytes = bytes.clone();
        }

        @Override public byte[] bytes() { return bytes.clone(); }

        @Override public WasmModule module() { return ModuleDecoder.decode(bytes); }

        @Override public byte[] binary() { return bytes.clone(); }

        @Override public boolean equals(Object o) { return o instanceof Binary b && java.util.Arrays.equals(bytes, b.bytes); }

        @Override public int hashCode() { return java.util.Arrays.hashCode(bytes); }

        @Override public String toString() {
            var shown = bytes.length <= 32 ? HexFormat.of().formatHex(bytes) : bytes.length + " bytes";
            return "Binary[" + shown + "]";
        }
    }

    /**
     * {@code (module instance $def?)} inside an assertion: instantiate a module defined earlier
     * with {@code (module definition ...)} (the most recent one without a name).
     */
    record Instance(Optional<String> definition) implements ModuleSource {
        @Override public WasmModule module() {
            throw new UnsupportedOperationException("an instance refers to a module defined earlier in the script");
        }

        @Override public byte[] binary() {
            throw new UnsupportedOperationException("an instance refers to a module defined earlier in the script");
        }
    }
}

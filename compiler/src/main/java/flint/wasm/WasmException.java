package flint.wasm;

/** The root of the exceptions Flint's front end documents: malformed and invalid modules, text parse errors. */
public class WasmException extends RuntimeException {
    public WasmException(String message) { super(message); }

    public WasmException(String message, Throwable cause) { super(message, cause); }
}

/**
 * The Wasm binary format: {@link flint.wasm.binary.ModuleDecoder} (bytes to
 * {@link flint.wasm.model.WasmModule}, sections up front), {@link flint.wasm.binary.CodeReader}
 * (function bodies and constant expressions, one instruction at a time),
 * {@link flint.wasm.binary.CodeSyntax} (block structure of code), and the way back:
 * {@link flint.wasm.binary.ModuleEncoder}, {@link flint.wasm.binary.CodeWriter} and the
 * {@link flint.wasm.binary.ModuleBuilder} for tests and generators.
 *
 * <p>Malformed input is reported as {@link flint.wasm.binary.MalformedModuleException} whose
 * message starts with the spec testsuite's wording (the reference interpreter's), followed by
 * detail and the module offset. Indices are u32 values held in {@code int}s: values above
 * 2^31-1 come back negative, so compare them unsigned ({@link java.lang.Integer#compareUnsigned}).
 */
package flint.wasm.binary;

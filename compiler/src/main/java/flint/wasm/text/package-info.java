/**
 * The WebAssembly text format: WAT modules, WAST scripts, and printing modules back to text.
 *
 * <p>Entry points: {@link flint.wasm.text.WatParser} (module text into the model),
 * {@link flint.wasm.text.WastParser} (a testsuite script into {@link flint.wasm.text.Command}s),
 * {@link flint.wasm.text.WatPrinter} (the model into readable text that parses back to an equal
 * module). Errors are {@link flint.wasm.text.TextParseException}s whose message starts with the
 * spec testsuite's wording; features the model lacks give an
 * {@link flint.wasm.text.UnsupportedFeatureException}.
 *
 * <p>Inside, one class per step: {@code Lexer} (tokens; comments and annotations dropped),
 * {@code Cursor} (the token stream), {@code FieldBinder} (first pass: every identifier bound, so
 * fields may refer forward), {@code ModuleParser} (second pass: fields into the model),
 * {@code TypeParser}, {@code InstructionParser} and {@code SegmentParser} (their parts),
 * {@code IndexSpace} and {@code ModuleScope} (identifier resolution and implicit types),
 * {@code Literals} (numeric values, exactly rounded), {@code CustomAnnotations} ({@code @custom}).
 */
package flint.wasm.text;

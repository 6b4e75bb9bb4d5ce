package flint.wasm.validate;

import com.code_intelligence.jazzer.junit.FuzzTest;
import flint.wasm.binary.MalformedModuleException;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.model.WasmModule;

/**
 * Fuzzes the front end (decoder, then validator) with arbitrary bytes. The only failures the
 * front end documents are {@link MalformedModuleException} (including its unsupported-feature
 * subclass) and {@link InvalidModuleException}; anything else escaping — an index out of bounds,
 * a class cast, a stack overflow, an endless loop — is a bug Jazzer reports.
 *
 * <p>Under plain {@code mvn test} this replays the committed inputs in
 * {@code src/test/resources/flint/wasm/validate/FrontEndFuzzTestInputs/decodeAndValidate/}
 * (hand-made seed modules, small inputs an earlier fuzzing run found, and every crash found so
 * far). To fuzz for {@code maxDuration}, from the repository root:
 * <pre>JAZZER_FUZZ=1 ./mvnw -o -pl compiler test -Dtest='flint.wasm.validate.FrontEndFuzzTest'</pre>
 * The generated corpus goes to {@code compiler/.cifuzz-corpus/} (ignored by git); a crashing input
 * is written to that inputs directory: keep it there after fixing the bug.
 */
class FrontEndFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodeAndValidate(byte[] data) {
        WasmModule module;
        try {
            module = ModuleDecoder.decode(data);
        } catch (MalformedModuleException expected) {
            return;
        }
        try {
            Validator.validate(module);
        } catch (InvalidModuleException expected) {
            if (expected.reason() == null || expected.reason().isEmpty()) {
                throw new AssertionError("invalid module without a reason", expected);
            }
        }
    }
}

package flint.harness.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.binary.CodeReader;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the generated code looks like and how it behaves: fuel, NaN canonicalization, host imports, arguments. */
class CodeShapeTest {

    @Test void everyBodyStartsWithTheFuelCheck() {
        var m = ModuleGenerator.generate(3, GenConfig.defaults()).module();
        for (var body : m.codes().subList(0, m.codes().size() - 1)) {
            var reader = new CodeReader(body);
            assertEquals(Opcode.GLOBAL_GET, reader.next().opcode());
            assertEquals(Opcode.I32_EQZ, reader.next().opcode());
            assertEquals(Opcode.IF, reader.next().opcode());
            assertEquals(Opcode.UNREACHABLE, reader.next().opcode());
        }
    }

    @Test void nanProducingOperationsAreFollowedByCanonicalization() {
        for (boolean on : new boolean[] {true, false}) {
            var config = GenConfig.defaults().withCanonicalizeNaNs(on);
            int producing = 0, canonicalized = 0;
            for (long seed = 0; seed < 30; seed++) {
                for (var body : ModuleGenerator.generate(seed, config).module().codes()) {
                    var code = new java.util.ArrayList<Instruction>();
                    var reader = new CodeReader(body);
                    while (reader.hasNext()) code.add(reader.next());
                    for (int i = 0; i + 2 < code.size(); i++) {
                        var info = OpCatalog.info(code.get(i).opcode());
                        if (info == null || !info.nanNondeterministic()) continue;
                        producing++;
                        if (canonicalizes(code.get(i + 1), code.get(i + 2))) canonicalized++;
                    }
                }
            }
            assertTrue(producing > 100, "producing " + producing);
            if (on) assertEquals(producing, canonicalized);
            else assertTrue(canonicalized < producing / 10, canonicalized + " of " + producing);
        }
    }

    /** local.tee t, then the canonical NaN or local.get t: the two canonicalization shapes. */
    private static boolean canonicalizes(Instruction tee, Instruction next) {
        if (!(tee instanceof Instruction.Indexed(var op, var t)) || op != Opcode.LOCAL_TEE) return false;
        return switch (next) {
            case Instruction.F32Const(int bits) -> bits == 0x7FC0_0000;
            case Instruction.F64Const(long bits) -> bits == 0x7FF8_0000_0000_0000L;
            case Instruction.Indexed(var op2, var t2) -> op2 == Opcode.LOCAL_GET && t2 == t;
            default -> false;
        };
    }

    @Test void exportsRunToCompletionOrTrapOnChicory() throws Exception {
        var engine = new ChicoryEngine();
        var total = new ExportRunner.Outcome[] {new ExportRunner.Outcome(0, 0, 0, 0)};
        // Fuel bounds call depth; an interpreter still needs a roomy stack for it.
        var thread = new Thread(null, () -> {
            for (long seed = 0; seed < 40; seed++) {
                total[0] = total[0].plus(ExportRunner.run(engine, ModuleGenerator.generate(seed, GenConfig.defaults()), new SeededEntropy(seed)));
            }
        }, "exports", 256L << 20);
        thread.start();
        thread.join();
        var o = total[0];
        assertTrue(o.calls() > 100, o::toString);
        assertTrue(o.returned() > o.calls() / 3, o::toString);
    }

    @Test void hostFunctionsAreDeterministicAndNaNBlind() {
        var type = flint.wasm.model.FuncType.of(List.of(flint.wasm.model.NumType.F32), List.of(flint.wasm.model.NumType.I64));
        var f = GeneratedImports.function("h0", type);
        var a = f.body().call(List.of(new Value.F32(0x7FC0_0001)));
        var b = f.body().call(List.of(new Value.F32(0xFFA0_0000)));
        var c = f.body().call(List.of(new Value.F32(0x3F80_0000)));
        assertEquals(a, b);
        assertTrue(!a.equals(c));
        assertEquals(a, GeneratedImports.function("h0", type).body().call(List.of(new Value.F32(0x7FC0_0001))));
    }

    @Test void argumentsAreEdgeBiased() {
        var values = new InterestingValues(new SeededEntropy(1));
        int zeros = 0, nans = 0;
        for (int i = 0; i < 2000; i++) {
            if (values.int32() == 0) zeros++;
            if (Float.isNaN(Float.intBitsToFloat(values.f32Bits()))) nans++;
        }
        assertTrue(zeros > 20, "zeros " + zeros);
        assertTrue(nans > 100, "NaNs " + nans);
    }
}

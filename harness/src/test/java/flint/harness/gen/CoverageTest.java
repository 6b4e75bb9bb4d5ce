package flint.harness.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.Opcode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The coverage table ({@code flint gen --stats N}): every opcode of each enabled feature appears. */
class CoverageTest {

    private static OpcodeStats stats(GenConfig config, int modules) {
        var stats = new OpcodeStats();
        for (long seed = 0; seed < modules; seed++) stats.add(ModuleGenerator.generate(seed, config).module());
        return stats;
    }

    @Test void everyOpcodeOfTheDefaultFeaturesAppears() {
        var config = GenConfig.defaults();
        assertEquals(List.of(), stats(config, 300).missing(config.features()));
    }

    @Test void everyOpcodeOfEveryFeatureAppears() {
        var config = GenConfig.of(Feature.all());
        assertEquals(List.of(), stats(config, 300).missing(config.features()));
    }

    @Test void disabledFeaturesStayOut() {
        var mvp = GenConfig.of(Set.of(Feature.MVP));
        var stats = stats(mvp, 100);
        for (var op : List.of(Opcode.I32_EXTEND8_S, Opcode.I32_TRUNC_SAT_F32_S, Opcode.MEMORY_COPY, Opcode.REF_NULL,
                Opcode.TABLE_GET, Opcode.SELECT_T, Opcode.V128_CONST, Opcode.RETURN_CALL)) {
            assertEquals(0, stats.count(op), op.mnemonic());
        }
    }

    @Test void theTableFlagsMissingOpcodes() {
        var out = new StringWriter();
        stats(GenConfig.of(Set.of(Feature.MVP)), 3).print(Feature.all(), new PrintWriter(out));
        assertTrue(out.toString().contains("never generated"), out::toString);
    }
}

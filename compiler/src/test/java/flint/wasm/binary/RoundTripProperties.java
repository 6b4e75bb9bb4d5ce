package flint.wasm.binary;

import static org.junit.jupiter.api.Assertions.*;

import flint.wasm.model.FunctionBody;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The encoder and decoder are inverses on well-formed modules and code. */
class RoundTripProperties {
    @Provide
    Arbitrary<WasmModule> modules() { return RandomModules.modules(); }

    @Provide
    Arbitrary<List<Instruction>> bodies() { return RandomModules.bodies(); }

    @Property(tries = 500)
    void encodeThenDecodeGivesTheModule(@ForAll("modules") WasmModule module) {
        var bytes = ModuleEncoder.encode(module);
        assertEquals(module, ModuleDecoder.decode(bytes));
        assertEquals(module, ModuleDecoder.decodeLazily(bytes));
    }

    @Property(tries = 300)
    void decodeThenEncodeIsStable(@ForAll("modules") WasmModule module) {
        var bytes = ModuleEncoder.encode(module);
        var decoded = ModuleDecoder.decode(bytes);
        // The encoder is canonical: re-encoding a decoded module gives the same bytes.
        assertArrayEquals(bytes, ModuleEncoder.encode(decoded));
    }

    @Property(tries = 500)
    void codeReaderReadsWhatCodeWriterWrote(@ForAll("bodies") List<Instruction> code) {
        var bytes = CodeWriter.encode(code);
        var reader = new CodeReader(bytes, 0, bytes.length, 100);
        var read = new ArrayList<Instruction>();
        while (reader.hasNext()) read.add(reader.next());
        assertEquals(code, read);
        assertEquals(100 + bytes.length, reader.offset());
        var summary = CodeSyntax.checkBody(new FunctionBody(List.of(), bytes, 100));
        assertEquals(100 + bytes.length, summary.endOffset());
        boolean usesData = code.stream().anyMatch(i -> i.opcode() == Opcode.MEMORY_INIT || i.opcode() == Opcode.DATA_DROP);
        assertEquals(usesData, summary.usesDataIndex());
    }

    @Test
    void everyOpcodeRoundTrips() {
        var random = new Random(42);
        for (var op : Opcode.values()) {
            if (op == Opcode.END || op == Opcode.ELSE) continue;
            for (int i = 0; i < 20; i++) {
                var insn = RandomModules.instructionFor(random, op);
                var bytes = CodeWriter.encode(List.of(insn));
                var reader = new CodeReader(bytes, 0, bytes.length, 0);
                assertEquals(insn, reader.next(), op::mnemonic);
                assertFalse(reader.hasNext(), () -> op.mnemonic() + " left bytes");
            }
        }
    }
}

package flint.harness.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.text.WatParser;
import flint.wasm.validate.Validator;
import flint.wasm.value.Value;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompactionTest {

    // Functions: 0 import, 1 dead, 2 exported (calls 4, 5 through the table), 3 dead (calls 4),
    // 4 called, 5 only in the element segment, 6 start, 7 named by a global's ref.func, 8 dead.
    private static final String WAT = """
            (module
              (import "env" "imp" (func $imp (result i32)))
              (type $t (func (result i32)))
              (table 2 funcref)
              (global $g funcref (ref.func $byGlobal))
              (global $counter (mut i32) (i32.const 0))
              (func $dead1 (result i32) (i32.const 100))
              (func $main (export "main") (result i32)
                (i32.add (call $callee) (call_indirect (type $t) (i32.const 0))))
              (func $dead2 (result i32) (call $callee))
              (func $callee (result i32) (i32.const 20))
              (func $inTable (result i32) (i32.const 3))
              (func $start (global.set $counter (i32.const 1)))
              (func $byGlobal (result i32) (i32.const 4))
              (func $dead3)
              (elem (i32.const 0) $inTable)
              (start $start))
            """;

    @Test void removesWhatNothingReachesAndRenumbersEverything() {
        var m = WatParser.parse(WAT);
        assertEquals(List.of(1, 3, 8), CompactionPass.dead(m));
        var c = CompactionPass.without(m, Set.copyOf(CompactionPass.dead(m)));
        Validator.validate(c);
        assertEquals(5, c.functions().size());
        // old → new: 2→1, 4→2, 5→3, 6→4, 7→5; the import stays 0
        assertEquals(1, c.exports().getFirst().index());
        assertEquals(4, c.start().getAsInt());
        assertEquals(List.of(ConstExpr.refFunc(3)), c.elements().getFirst().items());
        assertEquals(ConstExpr.refFunc(5), c.globals().getFirst().init());
        var main = Code.decode(c.codes().getFirst()).instructions();
        assertEquals(new Instruction.Indexed(Opcode.CALL, 2), main.get(0));
        assertEquals(List.of(), CompactionPass.dead(c));
    }

    @Test void theCompactedModuleComputesTheSame() {
        var m = WatParser.parse(WAT.replace("(import \"env\" \"imp\" (func $imp (result i32)))", ""));
        var c = CompactionPass.without(m, Set.copyOf(CompactionPass.dead(m)));
        var engine = new ChicoryEngine();
        assertEquals(List.of(Value.i32(23)), engine.instantiate(ModuleEncoder.encode(m)).call("main"));
        assertEquals(List.of(Value.i32(23)), engine.instantiate(ModuleEncoder.encode(c)).call("main"));
    }
}

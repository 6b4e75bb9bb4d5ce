package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.binary.CodeWriter;
import flint.wasm.binary.MalformedModuleException;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Opcode;
import flint.wasm.model.WasmModule;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole front end on bytes: decode, then validate every body through the {@code CodeReader}. */
class ValidatorBytesTest {

    @Test
    void validModuleFromBytes() {
        var b = new ModuleBuilder();
        int add = b.function(fn(types(I32, I32), types(I32)), List.of(get(0), get(1), op(Opcode.I32_ADD)));
        b.exportFunction("add", add);
        var ctx = Validator.validate(ModuleDecoder.decode(b.encode()));
        assertEquals(1, ctx.functionCount());
    }

    @Test
    void errorOffsetIsTheInstructionsModuleOffset() {
        var b = new ModuleBuilder();
        b.function(VOID, List.of());
        b.function(fn(types(), types(I32)), List.of(i32(1), i64(2), op(Opcode.I32_ADD)));
        byte[] bytes = b.encode();
        var m = ModuleDecoder.decode(bytes);
        var e = assertThrows(InvalidModuleException.class, () -> Validator.validate(m));
        assertEquals(1, e.function());
        // The failing i32.add is the byte 0x6a after i32.const 1 (2 bytes) and i64.const 2 (2 bytes).
        int codeStart = m.codes().get(1).offset();
        assertEquals(codeStart + 4, e.offset());
        assertEquals(0x6a, bytes[(int) e.offset()] & 0xFF);
    }

    // Bodies the decoder never checked (hand-built, or decoded lazily) get the decoder's classification.

    @Test
    void bodyWithoutItsEndIsMalformed() {
        var m = bodies(new FunctionBody(List.of(), CodeWriter.encode(List.of(block(), END)), 0));
        var e = assertThrows(MalformedModuleException.class, () -> Validator.validate(m));
        assertEquals(MalformedModuleException.UNEXPECTED_END_OF_SECTION, e.wording());
    }

    @Test
    void codeAfterTheFinalEndIsMalformed() {
        var m = bodies(new FunctionBody(List.of(), CodeWriter.encode(List.of(END, NOP)), 0));
        var e = assertThrows(MalformedModuleException.class, () -> Validator.validate(m));
        assertEquals(MalformedModuleException.SECTION_SIZE_MISMATCH, e.wording());
    }

    @Test
    void dataIndicesNeedADataCountSection() {
        var m = bodies(new FunctionBody(List.of(), CodeWriter.encode(List.of(ix(Opcode.DATA_DROP, 0), END)), 0));
        var withData = new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.tags(),
                m.globals(), m.exports(), m.start(), m.elements(), java.util.OptionalInt.empty(), m.codes(),
                List.of(new flint.wasm.model.DataSegment(flint.wasm.model.DataSegment.PASSIVE, new byte[1])), m.customs());
        var e = assertThrows(MalformedModuleException.class, () -> Validator.validate(withData));
        assertEquals(MalformedModuleException.DATA_COUNT_REQUIRED, e.wording());
    }

    @Test
    void lazilyDecodedModulesGetTheSameErrors() {
        // A body with an else outside an if: decode rejects it, decodeLazily leaves it to the validator.
        var b = new ModuleBuilder();
        b.function(VOID, List.of(block(), ELSE, END));
        byte[] bytes = b.encode();
        var eager = assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(bytes));
        var lazy = assertThrows(MalformedModuleException.class, () -> Validator.validate(ModuleDecoder.decodeLazily(bytes)));
        assertEquals(eager.wording(), lazy.wording());
        assertEquals(eager.offset(), lazy.offset());
    }

    private static WasmModule bodies(FunctionBody body) {
        var base = module(b -> b.function(VOID, List.of()));
        return new WasmModule(base.types(), base.imports(), base.functions(), base.tables(), base.memories(), base.tags(),
                base.globals(), base.exports(), base.start(), base.elements(), base.dataCount(), List.of(body), base.data(),
                base.customs());
    }
}

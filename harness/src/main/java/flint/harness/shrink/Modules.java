package flint.harness.shrink;

import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Export;
import flint.wasm.model.FuncType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Global;
import flint.wasm.model.MemoryType;
import flint.wasm.model.Table;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/** Copies of a module with one part replaced: the record has fourteen components, passes touch one or two. */
final class Modules {
    private Modules() {}

    static WasmModule withExports(WasmModule m, List<Export> exports) {
        return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.tags(), m.globals(),
                exports, m.start(), m.elements(), m.dataCount(), m.codes(), m.data(), m.customs());
    }

    static WasmModule withCodes(WasmModule m, List<FunctionBody> codes) {
        return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.tags(), m.globals(),
                m.exports(), m.start(), m.elements(), m.dataCount(), codes, m.data(), m.customs());
    }

    static WasmModule withFunctions(WasmModule m, List<Integer> functions, List<FunctionBody> codes) {
        return new WasmModule(m.types(), m.imports(), functions, m.tables(), m.memories(), m.tags(), m.globals(),
                m.exports(), m.start(), m.elements(), m.dataCount(), codes, m.data(), m.customs());
    }

    static WasmModule withGlobals(WasmModule m, List<Global> globals) {
        return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.tags(), globals,
                m.exports(), m.start(), m.elements(), m.dataCount(), m.codes(), m.data(), m.customs());
    }

    static WasmModule withElements(WasmModule m, List<ElementSegment> elements) {
        return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.tags(), m.globals(),
                m.exports(), m.start(), elements, m.dataCount(), m.codes(), m.data(), m.customs());
    }

    /** Replaces the data segments, keeping a data count section (if any) in step with them. */
    static WasmModule withData(WasmModule m, List<DataSegment> data) {
        var count = m.dataCount().isPresent() ? OptionalInt.of(data.size()) : OptionalInt.empty();
        return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.tags(), m.globals(),
                m.exports(), m.start(), m.elements(), count, m.codes(), data, m.customs());
    }

    static WasmModule withMemories(WasmModule m, List<MemoryType> memories) {
        return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), memories, m.tags(), m.globals(),
                m.exports(), m.start(), m.elements(), m.dataCount(), m.codes(), m.data(), m.customs());
    }

    static WasmModule withTables(WasmModule m, List<Table> tables) {
        return new WasmModule(m.types(), m.imports(), m.functions(), tables, m.memories(), m.tags(), m.globals(),
                m.exports(), m.start(), m.elements(), m.dataCount(), m.codes(), m.data(), m.customs());
    }

    static WasmModule withTypes(WasmModule m, List<FuncType> types) {
        return new WasmModule(types, m.imports(), m.functions(), m.tables(), m.memories(), m.tags(), m.globals(),
                m.exports(), m.start(), m.elements(), m.dataCount(), m.codes(), m.data(), m.customs());
    }

    static WasmModule withoutCustoms(WasmModule m) {
        return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.tags(), m.globals(),
                m.exports(), m.start(), m.elements(), m.dataCount(), m.codes(), m.data(), List.of());
    }

    static List<Code> codes(WasmModule m) {
        return m.codes().stream().map(Code::decode).toList();
    }

    /** The module with every body rewritten by {@code edit}. */
    static WasmModule mapCodes(WasmModule m, Function<Code, Code> edit) {
        var codes = new ArrayList<FunctionBody>(m.codes().size());
        for (var body : m.codes()) codes.add(edit.apply(Code.decode(body)).encode());
        return withCodes(m, codes);
    }

    static WasmModule withCodeList(WasmModule m, List<Code> codes) {
        return withCodes(m, codes.stream().map(Code::encode).toList());
    }

    /** {@code list} without the positions in {@code drop}. */
    static <T> List<T> without(List<T> list, java.util.Set<Integer> drop) {
        var kept = new ArrayList<T>(list.size());
        for (int i = 0; i < list.size(); i++) if (!drop.contains(i)) kept.add(list.get(i));
        return kept;
    }
}

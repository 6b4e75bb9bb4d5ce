package flint.wasm.text;

import flint.wasm.model.FuncType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a module's fields can refer to: one {@link IndexSpace} per kind of definition, and
 * the type list, which grows as inline type uses without a matching definition append new types
 * (spec 6.6.x "type uses": the smallest existing index is reused, otherwise a type is added at the
 * end, in the order the uses appear).
 */
final class ModuleScope {
    final IndexSpace types = new IndexSpace("type");
    final IndexSpace funcs = new IndexSpace("function");
    final IndexSpace tables = new IndexSpace("table");
    final IndexSpace memories = new IndexSpace("memory");
    final IndexSpace globals = new IndexSpace("global");
    final IndexSpace tags = new IndexSpace("tag");
    final IndexSpace elems = new IndexSpace("elem segment");
    final IndexSpace datas = new IndexSpace("data segment");

    private final List<FuncType> typeList = new ArrayList<>();
    private final Map<FuncType, Integer> firstIndex = new HashMap<>();

    /** Set when code refers to a data segment by index, which needs the data count section. */
    boolean usesDataIndex;

    /** Adds an explicitly defined type (in definition order). */
    void defineType(FuncType type) {
        firstIndex.putIfAbsent(type, typeList.size());
        typeList.add(type);
    }

    /** The index of the first type equal to {@code type}, appending it if there is none. */
    int typeIndexOf(FuncType type) {
        var index = firstIndex.get(type);
        if (index != null) return index;
        int i = typeList.size();
        typeList.add(type);
        firstIndex.put(type, i);
        types.bindAnonymous(1);
        return i;
    }

    /** The type at {@code index}, or null if there is none (yet). */
    FuncType type(int index) {
        return index >= 0 && index < typeList.size() ? typeList.get(index) : null;
    }

    List<FuncType> typeList() { return typeList; }
}

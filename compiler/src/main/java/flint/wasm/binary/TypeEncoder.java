package flint.wasm.binary;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.BlockType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.FuncType;
import flint.wasm.model.GlobalType;
import flint.wasm.model.HeapType;
import flint.wasm.model.Limits;
import flint.wasm.model.MemoryType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.TableType;
import flint.wasm.model.TagType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import java.util.List;

/** Encodes types; the inverse of {@link TypeDecoder}, always choosing the shortest form. */
final class TypeEncoder {
    private TypeEncoder() {}

    static void valType(ValType t, ByteWriter out) {
        switch (t) {
            case NumType n -> out.u8(n.code());
            case VecType v -> out.u8(VecType.CODE);
            case RefType r -> refType(r, out);
        }
    }

    /** Nullable abstract types have a one-byte shorthand; the rest are 0x63/0x64 and a heap type. */
    static void refType(RefType r, ByteWriter out) {
        if (r.nullable() && r.heap() instanceof AbsHeapType abs) {
            out.u8(abs.code());
            return;
        }
        out.u8(r.nullable() ? RefType.REF_NULL_PREFIX : RefType.REF_PREFIX);
        heapType(r.heap(), out);
    }

    static void heapType(HeapType h, ByteWriter out) {
        switch (h) {
            case AbsHeapType abs -> out.u8(abs.code());
            case ConcreteHeapType c -> out.s64(c.typeIndex() & 0xFFFFFFFFL); // s33: a non-negative index
        }
    }

    static void blockType(BlockType t, ByteWriter out) {
        switch (t) {
            case BlockType.Empty e -> out.u8(0x40);
            case BlockType.Value v -> valType(v.type(), out);
            case BlockType.TypeIndex i -> out.s64(i.index() & 0xFFFFFFFFL);
        }
    }

    static void valTypes(List<ValType> types, ByteWriter out) {
        out.u32(types.size());
        for (var t : types) valType(t, out);
    }

    static void funcType(FuncType t, ByteWriter out) {
        out.u8(0x60);
        valTypes(t.params(), out);
        valTypes(t.results(), out);
    }

    static void limits(Limits l, ByteWriter out) {
        int flags = (l.hasMax() ? 1 : 0) | (l.shared() ? 2 : 0) | (l.address64() ? 4 : 0);
        out.u8(flags);
        out.u64(l.min());
        if (l.hasMax()) out.u64(l.max().getAsLong());
    }

    static void tableType(TableType t, ByteWriter out) {
        refType(t.elementType(), out);
        limits(t.limits(), out);
    }

    static void memoryType(MemoryType t, ByteWriter out) {
        limits(t.limits(), out);
    }

    static void globalType(GlobalType t, ByteWriter out) {
        valType(t.type(), out);
        out.u8(t.mutable() ? 1 : 0);
    }

    static void tagType(TagType t, ByteWriter out) {
        out.u8(0);
        out.u32(t.typeIndex());
    }
}

package flint.wasm.binary;

import static flint.wasm.binary.MalformedModuleException.*;

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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Decodes types: value, reference, heap and block types, type-section entries, limits and the
 * table, memory, global and tag types.
 *
 * <p>Where the grammar has alternatives that start alike (a heap type is a type index or a type
 * code; a block type is a type index, {@code 0x40} or a value type) this tries them in the
 * reference interpreter's order and reports the last alternative's error, which is the wording
 * the testsuite expects.
 */
final class TypeDecoder {
    private TypeDecoder() {}

    private static final RefType[] NULLABLE_ABSTRACT = new RefType[0x80];
    private static final BlockType[] NUM_BLOCK_TYPES = new BlockType[0x80];

    static {
        for (var abs : AbsHeapType.values()) {
            NULLABLE_ABSTRACT[abs.code()] = switch (abs) {
                case FUNC -> RefType.FUNCREF;
                case EXTERN -> RefType.EXTERNREF;
                case EXN -> RefType.EXNREF;
                default -> new RefType(true, abs);
            };
        }
        for (var n : NumType.values()) NUM_BLOCK_TYPES[n.code()] = BlockType.of(n);
        NUM_BLOCK_TYPES[VecType.CODE] = BlockType.of(VecType.V128);
    }

    static ValType valType(ByteReader r) {
        int at = r.position();
        int code = r.s7() & 0x7F;
        return switch (code) {
            case 0x7F -> NumType.I32;
            case 0x7E -> NumType.I64;
            case 0x7D -> NumType.F32;
            case 0x7C -> NumType.F64;
            case VecType.CODE -> VecType.V128;
            default -> refTypeAfterCode(r, code, at);
        };
    }

    static RefType refType(ByteReader r) {
        int at = r.position();
        return refTypeAfterCode(r, r.s7() & 0x7F, at);
    }

    private static RefType refTypeAfterCode(ByteReader r, int code, int at) {
        var shorthand = NULLABLE_ABSTRACT[code];
        if (shorthand != null) return shorthand;
        if (code == RefType.REF_PREFIX) return new RefType(false, heapType(r));
        if (code == RefType.REF_NULL_PREFIX) return new RefType(true, heapType(r));
        throw r.error(MALFORMED_REFERENCE_TYPE, at);
    }

    /** A heap type: a non-negative s33 type index, else a one-byte abstract type code. */
    static HeapType heapType(ByteReader r) {
        int at = r.position();
        Long index = tryTypeIndex(r);
        if (index != null) return new ConcreteHeapType((int) (long) index);
        r.position(at);
        var abs = AbsHeapType.fromCode(r.s7() & 0x7F);
        if (abs == null) throw r.error(MALFORMED_HEAP_TYPE, at);
        return abs;
    }

    /** A block type: a type index, {@code 0x40} for no result, or a value type. */
    static BlockType blockType(ByteReader r) {
        int at = r.position();
        int first = r.peek();
        if (first == 0x40) {
            r.u8();
            return BlockType.EMPTY;
        }
        if (first >= 0x40 && first < 0x80) { // a one-byte negative s33: a value type code
            var cached = NUM_BLOCK_TYPES[first];
            if (cached != null) {
                r.u8();
                return cached;
            }
            return BlockType.of(valType(r));
        }
        Long index = tryTypeIndex(r);
        if (index != null) return new BlockType.TypeIndex((int) (long) index);
        r.position(at);
        return BlockType.of(valType(r)); // reports the value type's error, as the last alternative
    }

    /** A non-negative s33 (a type index), or null after a negative or malformed one. */
    private static Long tryTypeIndex(ByteReader r) {
        try {
            long v = r.s33();
            return v >= 0 ? v : null;
        } catch (MalformedModuleException e) {
            return null;
        }
    }

    /**
     * One type-section entry (a recursion group). Plain function types, and groups that only
     * spell one out longhand ({@code rec} of one {@code sub final} without supertypes), become
     * {@link FuncType}s. Anything else is decoded fully, so malformed GC types are reported with
     * the testsuite's wording, then answered with a placeholder per defined type and returned as
     * unsupported for the caller to report once the whole module has been read.
     */
    static UnsupportedFeatureException typeEntry(ByteReader r, List<FuncType> out) {
        int at = r.position();
        if (r.peek() == 0x4E) {
            r.u8();
            int n = r.len32();
            var group = new ArrayList<FuncType>(Math.min(n, 64));
            boolean plain = true;
            for (int i = 0; i < n; i++) {
                var t = subType(r);
                plain &= t != null;
                group.add(t == null ? FuncType.EMPTY : t);
            }
            if (plain && n == 1) {
                out.add(group.get(0));
                return null;
            }
            out.addAll(group);
            return new UnsupportedFeatureException(n == 1 ? "GC types (struct, array, non-final or subtyped types)"
                    : "GC recursive type groups", r.offsetOf(at));
        }
        var t = subType(r);
        if (t != null) {
            out.add(t);
            return null;
        }
        out.add(FuncType.EMPTY);
        return new UnsupportedFeatureException("GC types (struct, array, non-final or subtyped types)", r.offsetOf(at));
    }

    /** A sub type; the function type if it is a final function type without supertypes, else null. */
    private static FuncType subType(ByteReader r) {
        int first = r.peek();
        if (first == 0x50 || first == 0x4F) {
            r.u8();
            int n = r.len32();
            for (int i = 0; i < n; i++) r.u32();
            var t = compType(r);
            return first == 0x4F && n == 0 ? t : null;
        }
        return compType(r);
    }

    /** A composite type; the function type, or null for a struct or array type. */
    private static FuncType compType(ByteReader r) {
        int code = r.s7() & 0x7F;
        switch (code) {
            case 0x60 -> {
                var params = valTypes(r);
                var results = valTypes(r);
                return new FuncType(params, results);
            }
            case 0x5F -> {
                int n = r.len32();
                for (int i = 0; i < n; i++) fieldType(r);
                return null;
            }
            case 0x5E -> {
                fieldType(r);
                return null;
            }
            default -> throw r.error(MALFORMED_DEFINITION_TYPE, r.position() - 1);
        }
    }

    private static void fieldType(ByteReader r) {
        int at = r.position();
        try {
            valType(r);
        } catch (MalformedModuleException e) {
            r.position(at);
            int code = r.s7() & 0x7F;
            if (code != 0x78 && code != 0x77) throw r.error(MALFORMED_STORAGE_TYPE, at); // i8, i16
        }
        mutability(r);
    }

    static List<ValType> valTypes(ByteReader r) {
        int n = r.len32();
        if (n == 0) return List.of();
        var out = new ArrayList<ValType>(Math.min(n, 64));
        for (int i = 0; i < n; i++) out.add(valType(r));
        return out;
    }

    /**
     * Limits: a flags byte (bit 0: has maximum, bit 1: shared, bit 2: 64-bit addresses), then
     * u64 minimum and maximum whatever the address type (range checks are validation's).
     * Sharing exists for memories only.
     */
    static Limits limits(ByteReader r, boolean memory) {
        int at = r.position();
        int flags = r.u8();
        int allowed = memory ? 0x07 : 0x05;
        if ((flags & ~allowed) != 0) throw r.error(MALFORMED_LIMITS_FLAGS, at);
        long min = r.u64();
        var max = (flags & 1) != 0 ? OptionalLong.of(r.u64()) : OptionalLong.empty();
        return new Limits(min, max, (flags & 4) != 0, (flags & 2) != 0);
    }

    static TableType tableType(ByteReader r) {
        var element = refType(r);
        return new TableType(element, limits(r, false));
    }

    static MemoryType memoryType(ByteReader r) {
        return new MemoryType(limits(r, true));
    }

    static GlobalType globalType(ByteReader r) {
        var type = valType(r);
        return new GlobalType(type, mutability(r));
    }

    private static boolean mutability(ByteReader r) {
        return switch (r.u8()) {
            case 0 -> false;
            case 1 -> true;
            default -> throw r.error(MALFORMED_MUTABILITY, r.position() - 1);
        };
    }

    /** A tag type: attribute byte 0 (exception), then a type index. */
    static TagType tagType(ByteReader r) {
        if (r.u8() != 0) throw r.error(ZERO_BYTE_EXPECTED, r.position() - 1);
        return new TagType(r.u32());
    }
}

package flint.wasm.binary;

import static flint.wasm.binary.MalformedModuleException.*;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.RefType;
import java.util.ArrayList;

/** Decodes element and data segments, normalizing their binary forms into the model. */
final class SegmentDecoder {
    private SegmentDecoder() {}

    /** The element type of the forms that list function indices: non-null function references (Wasm 3.0). */
    static final RefType REF_FUNC = new RefType(false, AbsHeapType.FUNC);

    /**
     * The eight element segment forms. Bit 0: passive or declarative (else active); bit 1: an
     * explicit table index (active) or declarative (otherwise); bit 2: items are expressions
     * with an explicit reference type (else function indices with an element kind byte).
     */
    static ElementSegment element(ByteReader in) {
        int at = in.position();
        long kind = in.u32AsLong();
        if (kind > 7) throw in.error(MALFORMED_ELEMENTS_SEGMENT_KIND, at);
        int k = (int) kind;
        ElementSegment.Mode mode;
        if ((k & 1) == 0) {
            int table = (k & 2) != 0 ? in.u32() : 0;
            mode = new ElementSegment.Active(table, CodeSyntax.readConstExpr(in));
        } else {
            mode = (k & 2) != 0 ? ElementSegment.DECLARATIVE : ElementSegment.PASSIVE;
        }
        boolean expressions = (k & 4) != 0;
        RefType type;
        if (k == 0) {
            type = REF_FUNC;
        } else if (k == 4) {
            type = RefType.FUNCREF;
        } else if (expressions) {
            type = TypeDecoder.refType(in);
        } else {
            if (in.u8() != 0) throw in.error(MALFORMED_ELEMENT_KIND, in.position() - 1);
            type = REF_FUNC;
        }
        int n = in.len32();
        var items = new ArrayList<ConstExpr>(Math.min(n, 256));
        for (int i = 0; i < n; i++) {
            items.add(expressions ? CodeSyntax.readConstExpr(in) : ConstExpr.refFunc(in.u32()));
        }
        return new ElementSegment(type, mode, items);
    }

    /** The three data segment forms: active in memory 0, passive, active with a memory index. */
    static DataSegment data(ByteReader in) {
        int at = in.position();
        long kind = in.u32AsLong();
        DataSegment.Mode mode = switch ((int) Math.min(kind, 3)) {
            case 0 -> new DataSegment.Active(0, CodeSyntax.readConstExpr(in));
            case 1 -> DataSegment.PASSIVE;
            case 2 -> {
                int memory = in.u32();
                yield new DataSegment.Active(memory, CodeSyntax.readConstExpr(in));
            }
            default -> throw in.error(MALFORMED_DATA_SEGMENT_KIND, at);
        };
        int n = in.len32();
        return new DataSegment(mode, in.bytes(n));
    }
}

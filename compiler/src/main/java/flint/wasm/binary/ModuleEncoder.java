package flint.wasm.binary;

import flint.wasm.model.ConstExpr;
import flint.wasm.model.CustomSection;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.WasmModule;
import java.util.List;
import java.util.function.Consumer;

/**
 * Encodes a {@link WasmModule} into the binary format; the inverse of {@link ModuleDecoder}:
 * {@code decode(encode(m))} equals {@code m} for every well-formed module (see below for custom
 * section placement).
 *
 * <p>Choices where the format has several encodings: LEB128 integers in their shortest form;
 * element segments in the compact function-index forms when their type is {@code (ref func)} and
 * every item is a single {@code ref.func}, else in the expression forms; the active forms
 * without an explicit table or memory index when it is 0; sections with no entries are left out.
 *
 * <p>Custom sections go where their {@link CustomSection#placement()} says, in list order. A
 * custom section placed after a vector section with no entries makes that section appear, empty,
 * so the placement survives decoding; after an absent start or data count section it goes in the
 * same slot, and decodes as placed after the section before.
 */
public final class ModuleEncoder {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    private final WasmModule module;
    private final ByteWriter out = new ByteWriter(1024);
    private final ByteWriter section = new ByteWriter(1024);

    private ModuleEncoder(WasmModule module) {
        this.module = module;
    }

    public static byte[] encode(WasmModule module) {
        return new ModuleEncoder(module).run();
    }

    private byte[] run() {
        for (var c : module.customs()) {
            if (SectionId.placementRank(c.placement()) < 0) {
                throw new IllegalArgumentException("custom section " + c.name() + " has placement " + c.placement()
                        + ", which names no section");
            }
        }
        out.bytes(HEADER);
        customs(0);
        var m = module;
        vecSection(SectionId.TYPE, m.types(), TypeEncoder::funcType);
        vecSection(SectionId.IMPORT, m.imports(), (i, w) -> {
            w.name(i.module());
            w.name(i.name());
            w.u8(i.desc().kind().code());
            switch (i.desc()) {
                case ImportDesc.Func f -> w.u32(f.typeIndex());
                case ImportDesc.Table t -> TypeEncoder.tableType(t.type(), w);
                case ImportDesc.Memory mem -> TypeEncoder.memoryType(mem.type(), w);
                case ImportDesc.Global g -> TypeEncoder.globalType(g.type(), w);
                case ImportDesc.Tag t -> TypeEncoder.tagType(t.type(), w);
            }
        });
        vecSection(SectionId.FUNCTION, m.functions(), (f, w) -> w.u32(f));
        vecSection(SectionId.TABLE, m.tables(), (t, w) -> {
            if (t.init().isPresent()) {
                w.u8(0x40).u8(0x00);
                TypeEncoder.tableType(t.type(), w);
                CodeWriter.writeConstExpr(t.init().get(), w);
            } else {
                TypeEncoder.tableType(t.type(), w);
            }
        });
        vecSection(SectionId.MEMORY, m.memories(), TypeEncoder::memoryType);
        vecSection(SectionId.TAG, m.tags(), TypeEncoder::tagType);
        vecSection(SectionId.GLOBAL, m.globals(), (g, w) -> {
            TypeEncoder.globalType(g.type(), w);
            CodeWriter.writeConstExpr(g.init(), w);
        });
        vecSection(SectionId.EXPORT, m.exports(), (e, w) -> {
            w.name(e.name());
            w.u8(e.kind().code());
            w.u32(e.index());
        });
        if (m.start().isPresent()) section(SectionId.START, w -> w.u32(m.start().getAsInt()));
        customs(SectionId.START.id());
        vecSection(SectionId.ELEMENT, m.elements(), ModuleEncoder::element);
        if (m.dataCount().isPresent()) section(SectionId.DATA_COUNT, w -> w.u32(m.dataCount().getAsInt()));
        customs(SectionId.DATA_COUNT.id());
        vecSection(SectionId.CODE, m.codes(), ModuleEncoder::body);
        vecSection(SectionId.DATA, m.data(), ModuleEncoder::data);
        return out.toByteArray();
    }

    private interface ItemWriter<T> {
        void write(T item, ByteWriter out);
    }

    /** A vector section, left out when empty unless a custom section is placed after it; then its customs. */
    private <T> void vecSection(SectionId id, List<T> items, ItemWriter<T> writer) {
        if (!items.isEmpty() || hasCustomsAfter(id.id())) {
            section(id, w -> {
                w.u32(items.size());
                for (var item : items) writer.write(item, w);
            });
        }
        customs(id.id());
    }

    private void section(SectionId id, Consumer<ByteWriter> contents) {
        section.reset();
        contents.accept(section);
        out.u8(id.id());
        out.u32(section.size());
        out.bytes(section);
    }

    private boolean hasCustomsAfter(int placement) {
        for (var c : module.customs()) if (c.placement() == placement) return true;
        return false;
    }

    private void customs(int placement) {
        for (var c : module.customs()) {
            if (c.placement() != placement) continue;
            section(SectionId.CUSTOM, w -> {
                w.name(c.name());
                w.bytes(c.data());
            });
        }
    }

    static void element(ElementSegment e, ByteWriter w) {
        boolean compact = e.type().equals(SegmentDecoder.REF_FUNC) && e.items().stream().allMatch(ModuleEncoder::isRefFunc);
        switch (e.mode()) {
            case ElementSegment.Active a -> {
                boolean implicitType = compact || e.type().equals(RefType.FUNCREF);
                if (a.table() == 0 && implicitType) {
                    w.u32(compact ? 0 : 4);
                } else {
                    w.u32(compact ? 2 : 6);
                    w.u32(a.table());
                }
                CodeWriter.writeConstExpr(a.offset(), w);
                if (a.table() != 0 || !implicitType) elementType(e, compact, w);
            }
            case ElementSegment.Passive p -> {
                w.u32(compact ? 1 : 5);
                elementType(e, compact, w);
            }
            case ElementSegment.Declarative d -> {
                w.u32(compact ? 3 : 7);
                elementType(e, compact, w);
            }
        }
        w.u32(e.items().size());
        for (var item : e.items()) {
            if (compact) {
                w.u32(((Instruction.Indexed) item.instructions().getFirst()).index());
            } else {
                CodeWriter.writeConstExpr(item, w);
            }
        }
    }

    /** The element kind byte of the compact forms (0: function references), or the reference type of the expression forms. */
    private static void elementType(ElementSegment e, boolean compact, ByteWriter w) {
        if (compact) {
            w.u8(0x00);
        } else {
            TypeEncoder.refType(e.type(), w);
        }
    }

    private static boolean isRefFunc(ConstExpr item) {
        return item.instructions().size() == 1
                && item.instructions().getFirst() instanceof Instruction.Indexed i && i.opcode() == Opcode.REF_FUNC;
    }

    static void data(DataSegment d, ByteWriter w) {
        switch (d.mode()) {
            case DataSegment.Active a when a.memory() == 0 -> {
                w.u32(0);
                CodeWriter.writeConstExpr(a.offset(), w);
            }
            case DataSegment.Active a -> {
                w.u32(2);
                w.u32(a.memory());
                CodeWriter.writeConstExpr(a.offset(), w);
            }
            case DataSegment.Passive p -> w.u32(1);
        }
        w.byteString(d.bytes());
    }

    /** A body: its size, its local runs as declared, and its code (which holds the final end). */
    static void body(FunctionBody b, ByteWriter w) {
        var locals = new ByteWriter(16);
        locals.u32(b.locals().size());
        for (var g : b.locals()) {
            if (g.count() < 0 || g.count() > 0xFFFFFFFFL) throw new IllegalArgumentException("local count out of u32 range: " + g);
            locals.u64(g.count());
            TypeEncoder.valType(g.type(), locals);
        }
        var code = b.codeView();
        w.u32(locals.size() + code.length);
        w.bytes(locals);
        w.bytes(code);
    }
}

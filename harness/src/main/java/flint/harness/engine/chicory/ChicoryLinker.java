package flint.harness.engine.chicory;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportTag;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import flint.harness.engine.EngineException;
import flint.harness.engine.ImportName;
import flint.harness.engine.Imports;
import flint.harness.engine.InstanceExport;
import flint.harness.engine.Signatures;
import flint.wasm.value.Value;
import java.util.List;

/**
 * Turns {@link Imports} into Chicory's {@link ImportValues}. Chicory itself then picks the entries
 * the module imports by (module, name) and checks their types, so that "unknown import" and
 * "incompatible import type" are Chicory's own verdicts.
 */
final class ChicoryLinker {
    private final ChicoryEngineBase engine;
    private final ChicoryValues values;

    ChicoryLinker(ChicoryEngineBase engine, ChicoryValues values) {
        this.engine = engine;
        this.values = values;
    }

    ImportValues link(Imports imports) {
        var builder = ImportValues.builder();
        imports.entries().forEach((name, extern) -> {
            switch (extern) {
                case flint.harness.engine.HostFunction host -> builder.addFunction(hostFunction(name, host));
                case InstanceExport export -> addExport(builder, name, export);
            }
        });
        return builder.build();
    }

    private HostFunction hostFunction(ImportName name, flint.harness.engine.HostFunction host) {
        var params = host.type().params();
        var results = host.type().results();
        WasmFunctionHandle handle = (caller, slots) -> {
            List<Value> args = values.fromSlots(params, slots, caller);
            List<Value> returned;
            try {
                returned = host.body().call(args);
            } catch (EngineException e) {
                throw e; // the body trapped on purpose; keep its kind
            } catch (StackOverflowError e) {
                throw e; // deep recursion through the host: still call stack exhaustion
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vm && !(vm instanceof OutOfMemoryError)) {
                    throw vm;
                }
                throw new HostFunctionFailure("host function " + name + " threw " + e, e);
            }
            String mismatch = Signatures.resultMismatch(results, returned);
            if (mismatch != null) {
                throw new HostFunctionFailure("host function " + name + " " + mismatch, null);
            }
            return values.toSlots(results, returned, caller);
        };
        return new HostFunction(name.module(), name.name(), ChicoryTypes.toChicory(host.type()), handle);
    }

    private void addExport(ImportValues.Builder builder, ImportName name, InstanceExport export) {
        if (!(export.instance() instanceof ChicoryInstance source) || source.engine() != engine) {
            throw new IllegalArgumentException("import " + name + " comes from an instance of "
                    + export.instance().engine().name() + ", not of this " + engine.name() + " engine");
        }
        var chicory = source.chicory();
        var exportName = export.exportName();
        var desc = source.chicoryExport(exportName);
        String module = name.module();
        String field = name.name();
        switch (desc.exportType()) {
            case FUNCTION -> builder.addFunction(importFunction(module, field, chicory, exportName));
            case GLOBAL -> builder.addGlobal(new ImportGlobal(module, field, chicory.exports().global(exportName)));
            case MEMORY -> builder.addMemory(new ImportMemory(module, field, chicory.exports().memory(exportName)));
            case TABLE -> builder.addTable(new ImportTable(module, field, chicory.exports().table(exportName)));
            case TAG -> builder.addTag(new ImportTag(module, field, chicory.tag(desc.index())));
            default -> throw new IllegalStateException("unknown Chicory export type " + desc.exportType());
        }
    }

    private static ImportFunction importFunction(
            String module, String field, com.dylibso.chicory.runtime.Instance source, String exportName) {
        if (field.equals(exportName)) {
            // Remembers the source instance, so Chicory checks the signature with the source's type
            // section (canonical type equivalence) rather than structurally.
            return ImportFunction.exportAsImport(module, field, source, exportName);
        }
        // exportAsImport would look the source export up by the import's field name, which here
        // names a different (or no) export; compare structurally instead.
        var function = source.export(exportName);
        return new ImportFunction(module, field, source.exportType(exportName), (caller, args) -> function.apply(args));
    }
}

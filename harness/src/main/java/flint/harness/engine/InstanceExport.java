package flint.harness.engine;

import java.util.Objects;

/**
 * An export of an existing instance offered as an import, as the spec testsuite's {@code register}
 * command does. The instance must come from the same engine object as the importing module.
 */
public record InstanceExport(Instance instance, String exportName) implements Extern {
    public InstanceExport {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(exportName, "exportName");
        if (instance.export(exportName).isEmpty()) {
            throw new IllegalArgumentException("instance has no export named " + exportName);
        }
    }

    public ExportDesc desc() {
        return instance.export(exportName).orElseThrow();
    }
}

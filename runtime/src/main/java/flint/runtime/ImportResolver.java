package flint.runtime;

import flint.wasm.model.Import;
import java.util.Map;
import java.util.Optional;

/**
 * Supplies an instance's imports: the extern offered for each import of the module, or empty for
 * none ("unknown import"). The runtime checks the types.
 */
@FunctionalInterface
public interface ImportResolver {

    Optional<Extern> resolve(Import imp);

    /** Resolves nothing: for modules without imports. */
    ImportResolver NONE = imp -> Optional.empty();

    /** Resolves {@code module.name} to {@code externs.get(module).get(name)}. */
    static ImportResolver of(Map<String, ? extends Map<String, ? extends Extern>> externs) {
        return imp -> Optional.ofNullable(externs.get(imp.module())).map(names -> names.get(imp.name()));
    }
}

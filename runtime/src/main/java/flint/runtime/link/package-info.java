/**
 * What links compiled code to the runtime: loading a module's code with its relocations resolved
 * ({@link flint.runtime.link.CodeLinker}), the runtime helpers generated code calls
 * ({@link flint.runtime.link.RuntimeHelpers}), the thunk through which it calls Java
 * ({@link flint.runtime.link.HostCallThunk}), and the registry helpers find instances in.
 */
package flint.runtime.link;

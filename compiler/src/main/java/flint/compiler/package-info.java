/**
 * The compiler's entry point and its output: {@link flint.compiler.CompiledModule} (code, function
 * offsets, relocations, trap sites), assembled with {@link flint.compiler.CompiledModuleBuilder},
 * and the native ABI it follows: {@link flint.compiler.Abi}, {@link flint.compiler.VmctxLayout},
 * {@link flint.compiler.WasmTrap}, {@link flint.compiler.RuntimeHelper}, with the canonical
 * sequences in {@link flint.compiler.AbiSequences} and the Java-to-Wasm shims of
 * {@link flint.compiler.ShimGenerator}. The runtime implements the other side; see
 * {@code runtime/README.md}, "Native ABI".
 */
package flint.compiler;

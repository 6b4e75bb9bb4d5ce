/**
 * Running machine code: executable {@link flint.runtime.exec.CodeMemory}, the
 * {@link flint.runtime.exec.EntryTrampoline} that Java calls it through and the trap stub that
 * unwinds out of it, host functions reached from it ({@link flint.runtime.exec.HostUpcalls}), the
 * store-wide {@link flint.runtime.exec.ExecContext} they share, and the threads to run it on
 * ({@link flint.runtime.exec.NativeThread}, {@link flint.runtime.exec.StackLimits}).
 *
 * <h2>The calling convention in one place</h2>
 * <ul>
 *   <li>Java → Wasm: {@code int32 entry(vmctx, fn, argbuf)} through one downcall handle; {@code fn}
 *       is an array-call shim entered with RDI = vmctx, RSI = argbuf (16-byte slots,
 *       {@link flint.runtime.exec.ArgBuffer}), which writes results back into the buffer. Status 0
 *       is a normal return, anything else a {@link flint.runtime.exec.TrapCode}.
 *   <li>Wasm → trap: {@code jmp} to the trap stub (address at {@code [execContext + 32]}) with
 *       RDI = vmctx, ESI = trap code, from any depth.
 *   <li>Wasm → Java: {@code int32 host(vmctx, argbuf)}, System V; nonzero EAX is a trap code to
 *       pass to the trap stub.
 *   <li>vmctx word 0 points to the store's execution context
 *       ({@link flint.runtime.exec.VmContext}).
 * </ul>
 */
package flint.runtime.exec;

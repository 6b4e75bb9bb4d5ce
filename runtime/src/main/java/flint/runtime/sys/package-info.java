/**
 * The operating-system layer of the runtime, reached through {@code java.lang.foreign} only (no JNI,
 * no C): anonymous memory mappings and their protection ({@link flint.runtime.sys.Posix},
 * {@link flint.runtime.sys.VirtualRegion}), and the bounds of the current thread's native stack
 * ({@link flint.runtime.sys.ThreadStack}).
 *
 * <p>Flint targets Linux on x86-64; the constants here are Linux's. Every failing call becomes a
 * {@link flint.runtime.sys.PosixException} carrying {@code errno} and its text.
 */
package flint.runtime.sys;

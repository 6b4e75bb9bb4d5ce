/**
 * Wasm linear memories in native memory: a reserved virtual region whose base never moves, with the
 * accessible prefix committed page by page as the memory grows ({@link flint.runtime.memory.LinearMemory}),
 * under host limits ({@link flint.runtime.memory.MemoryPolicy}).
 */
package flint.runtime.memory;

/**
 * The {@code microwasm} engine: Flint's front end and Microwasm converter, with the Microwasm
 * interpreter ({@link flint.compiler.microwasm.interp}) executing the result. A test oracle for the
 * converter, not a production engine: functions the native compiler does not support yet (floating
 * point, tables, ...) fail with an {@link flint.harness.engine.EngineFailure} when called, so the
 * spec runner skips what depends on them.
 */
package flint.harness.engine.microwasm;

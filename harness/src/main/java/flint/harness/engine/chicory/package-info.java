/**
 * Chicory 1.7.5 behind the harness's {@link flint.harness.engine.Engine} interface: its interpreter
 * ({@link flint.harness.engine.chicory.ChicoryEngine}, the reference engine) and its JVM-bytecode
 * compiler ({@link flint.harness.engine.chicory.ChicoryCompilerEngine}, a third opinion).
 *
 * <p>Chicory exchanges values as {@code long[]} slots (floats as raw bits, v128 as two slots,
 * references as {@code int} indices with {@code -1} for null) and reports most failures with a few
 * generic exception types; the classes here translate both ways.
 */
package flint.harness.engine.chicory;

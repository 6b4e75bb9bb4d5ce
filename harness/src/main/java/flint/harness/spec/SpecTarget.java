package flint.harness.spec;

import flint.harness.engine.Engine;

import java.util.function.Supplier;

/**
 * What the spec runner runs a script on.
 *
 * @param name            the name used for baselines and summaries
 * @param engines         makes a fresh engine for each script
 * @param executes        false for a front end that only decodes and validates: commands that need
 *                        execution are then not part of its results
 * @param exactMessages   whether malformed/invalid/unlinkable messages must match the testsuite's
 *                        wording (by prefix); true for Flint's own front end, false for engines
 *                        whose wording is their own
 */
public record SpecTarget(String name, Supplier<Engine> engines, boolean executes, boolean exactMessages) {}

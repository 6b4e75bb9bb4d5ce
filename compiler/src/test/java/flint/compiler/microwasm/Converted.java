package flint.compiler.microwasm;

import flint.wasm.text.WatParser;
import java.util.List;

/** Converts modules written in the text format for tests, checking every function it converts. */
final class Converted {
    private Converted() {}

    /** Every function of the module, each checked by {@link MicrowasmChecker}. */
    static MicrowasmModule module(String wat) {
        var module = MicrowasmModule.convert(WatParser.parse(wat));
        for (var c : module.functions()) {
            if (c instanceof MicrowasmModule.Converted(var f)) MicrowasmChecker.check(f);
        }
        return module;
    }

    /** The only (or last) defined function of {@code (module ...)}, converted and checked. */
    static MicrowasmFunction function(String wat) {
        var functions = module(wat).functions();
        return switch (functions.getLast()) {
            case MicrowasmModule.Converted(var f) -> f;
            case MicrowasmModule.Rejected(var index, var reason) -> throw reason;
        };
    }

    /** The function's operators, formatted one per entry without comments. */
    static List<String> ops(String wat) {
        return function(wat).ops().stream().map(MicrowasmPrinter::format).toList();
    }

    /** A module with one function {@code func} (its text after {@code (func}). */
    static String func(String func) {
        return "(module (memory 1) (global $g (mut i32) (i32.const 0)) (func " + func + "))";
    }
}

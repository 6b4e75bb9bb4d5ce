package flint.harness.shrink;

import flint.wasm.binary.CodeReader;
import flint.wasm.binary.CodeWriter;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Instruction;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * A function body opened up for editing: one entry per declared local and the instructions as a
 * list (the final {@code end} included). The model keeps bodies as bytes; the shrinker edits
 * lists and encodes them back.
 */
record Code(List<ValType> locals, List<Instruction> instructions) {

    Code {
        locals = List.copyOf(locals);
        instructions = List.copyOf(instructions);
    }

    /** A body that traps at once: what a function is stubbed with. */
    static final Code STUB = new Code(List.of(), List.of(new Instruction.Plain(Opcode.UNREACHABLE), Instruction.END));

    static Code decode(FunctionBody body) {
        var locals = new ArrayList<ValType>();
        for (var group : body.locals()) {
            // Locals are declared in runs; a run of millions is legal but then the shrinker's
            // per-local work would be absurd, so such a body is left as it is by the caller.
            if (group.count() > 100_000) throw new IllegalArgumentException("too many locals to edit: " + group.count());
            for (long i = 0; i < group.count(); i++) locals.add(group.type());
        }
        var instructions = new ArrayList<Instruction>();
        var reader = new CodeReader(body);
        while (reader.hasNext()) instructions.add(reader.next());
        return new Code(locals, instructions);
    }

    FunctionBody encode() {
        var groups = new ArrayList<LocalGroup>();
        for (var t : locals) {
            if (!groups.isEmpty() && groups.getLast().type().equals(t)) {
                groups.set(groups.size() - 1, new LocalGroup(groups.getLast().count() + 1, t));
            } else {
                groups.add(new LocalGroup(1, t));
            }
        }
        return new FunctionBody(groups, CodeWriter.encode(instructions), 0);
    }

    Code withInstructions(List<Instruction> replacement) { return new Code(locals, replacement); }

    boolean isStub() { return instructions.equals(STUB.instructions); }

    int size() { return instructions.size(); }

    Instruction get(int i) { return instructions.get(i); }
}

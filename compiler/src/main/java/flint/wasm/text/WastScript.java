package flint.wasm.text;

import java.util.List;

/** A parsed WAST script: its commands in order. */
public record WastScript(String fileName, List<Command> commands) {
    public WastScript {
        commands = List.copyOf(commands);
    }
}

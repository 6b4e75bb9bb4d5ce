package flint.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrapKindTest {

    @Test void specMessagesMapBackToTheirKinds() {
        for (var kind : TrapKind.values()) {
            for (var message : kind.messages()) {
                assertEquals(Optional.of(kind), TrapKind.fromSpecMessage(message), message);
            }
        }
    }

    @Test void matchingIsByPrefixAndPrefersTheLongestMessage() {
        assertEquals(Optional.of(TrapKind.UNINITIALIZED_ELEMENT), TrapKind.fromSpecMessage("uninitialized element 2"));
        assertEquals(Optional.of(TrapKind.NULL_REFERENCE), TrapKind.fromSpecMessage("null function reference"));
        assertEquals(Optional.empty(), TrapKind.fromSpecMessage("cast failure"));
    }

    @Test void trapMessageMustBelongToItsKind() {
        var trap = new Trap(TrapKind.NULL_REFERENCE, "null function reference", "engine words", null);
        assertEquals("null function reference", trap.getMessage());
        assertEquals("engine words", trap.detail());
        assertThrows(IllegalArgumentException.class, () -> new Trap(TrapKind.UNREACHABLE, "integer overflow", null, null));
        assertEquals("unreachable", new Trap(TrapKind.UNREACHABLE).detail(), "detail defaults to the message");
    }
}

package flint.compiler.x64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.microwasm.DropRange;
import flint.wasm.model.NumType;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.CpuFeatures;
import flint.compiler.x64.asm.Gpr;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value stack and the register allocator, without instruction selection. */
class RegisterAllocatorTest {
    private final Assembler asm = new Assembler(CpuFeatures.all());
    private final Frame frame = new Frame();
    private final RegisterAllocator ra = new RegisterAllocator(new ValueStack(), asm, frame);

    private Gpr pushNewRegister() {
        var r = ra.allocate();
        ra.push(new StackEntry(Location.reg(r), NumType.I64));
        return r;
    }

    @Test
    void registersAreHandedOutUntilNoneIsFreeThenTheOldestIsSpilled() {
        var seen = new HashSet<Gpr>();
        for (int i = 0; i < RegisterAllocator.ALLOCATABLE.size(); i++) seen.add(pushNewRegister());
        assertEquals(RegisterAllocator.ALLOCATABLE.size(), seen.size());
        var oldest = ((Location.Reg) ra.stack().get(0).location()).gpr();
        var next = pushNewRegister();
        assertEquals(oldest, next, "the deepest value gives up its register");
        assertInstanceOf(Location.Slot.class, ra.stack().get(0).location());
        assertEquals(1, frame.slotCount());
        ra.verify();
        assertTrue(asm.position() > 0, "the spill is a store");
    }

    @Test
    void aPickSharesTheRegisterAndExclusiveCopiesIt() {
        var r = pushNewRegister();
        ra.pick(0);
        assertEquals(2, ra.refs(r));
        var top = ra.pop();
        var copy = ra.exclusive(top);
        assertNotEquals(r, copy, "the shared register must not be modified in place");
        assertEquals(1, ra.refs(r));
        ra.push(new StackEntry(Location.reg(copy), NumType.I64));
        ra.verify();
        var alone = ra.pop();
        assertEquals(copy, ra.exclusive(alone), "an unshared register is its own exclusive copy");
        ra.release(copy);
        ra.verify();
    }

    @Test
    void heldOperandsAreNeverSpilled() {
        var first = pushNewRegister();
        for (int i = 1; i < RegisterAllocator.ALLOCATABLE.size(); i++) pushNewRegister();
        // pop the deepest value's register indirectly: swap it to the top and pop it
        ra.swap(RegisterAllocator.ALLOCATABLE.size() - 1);
        var held = ra.pop();
        assertEquals(Location.reg(first), held.location());
        var next = ra.allocate();
        assertNotEquals(first, next, "the held register stays");
        ra.release(next);
        ra.release(held);
        ra.verify();
    }

    @Test
    void reserveMovesTheOccupantsOfAFixedRegisterAway() {
        var r = ra.allocate();
        assertEquals(Gpr.RAX, r);
        ra.push(new StackEntry(Location.reg(r), NumType.I32));
        ra.pick(0);
        ra.reserve(Gpr.RAX, Gpr.RDX);
        var moved = ((Location.Reg) ra.stack().get(0).location()).gpr();
        assertNotEquals(Gpr.RAX, moved);
        assertNotEquals(Gpr.RDX, moved);
        assertEquals(ra.stack().get(0), ra.stack().get(1), "both references move together");
        assertEquals(2, ra.refs(moved));
        ra.release(Gpr.RAX);
        ra.verify();
    }

    @Test
    void spillAllLeavesNoRegisterOnTheStackAndSharesSlots() {
        pushNewRegister();
        ra.pick(0);
        pushNewRegister();
        ra.pushConst(NumType.I32, 7);
        ra.spillAll();
        for (int i = 0; i < ra.stack().size(); i++) {
            assertTrue(!(ra.stack().get(i).location() instanceof Location.Reg), ra.stack().toString());
        }
        assertEquals(ra.stack().get(0).location(), ra.stack().get(1).location(), "one slot for a shared register");
        assertEquals(2, frame.slotCount());
        ra.verify();
    }

    @Test
    void dropFreesSlotsForReuse() {
        pushNewRegister();
        ra.spillAll();
        var slot = (Location.Slot) ra.stack().get(0).location();
        ra.drop(DropRange.top());
        assertTrue(ra.isSlotFree(slot.offset()));
        pushNewRegister();
        ra.spillAll();
        assertEquals(slot, ra.stack().get(0).location(), "the freed slot is reused");
        assertEquals(1, frame.slotCount());
    }

    @Test
    void resetTakesABlockConvention() {
        var convention = List.of(new StackEntry(new Location.Slot(Frame.incomingOffset(0)), NumType.I32),
                new StackEntry(Location.reg(Gpr.RBX), NumType.I64),
                new StackEntry(new Location.Slot(Frame.slotOffset(3)), NumType.I64));
        pushNewRegister();
        ra.reset(convention);
        assertEquals(3, ra.stack().size());
        assertEquals(1, ra.refs(Gpr.RBX));
        assertEquals(0, ra.refs(Gpr.RAX));
        assertEquals(4, frame.slotCount(), "slot 3 counts in the frame");
        ra.verify();
    }

    @Test
    void flagsAreMaterializedIntoARegister() {
        ra.push(new StackEntry(new Location.Flags(flint.compiler.x64.asm.Cond.L), NumType.I32));
        ra.materializeFlags();
        assertInstanceOf(Location.Reg.class, ra.stack().peek(0).location());
        ra.verify();
    }
}

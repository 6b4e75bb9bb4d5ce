package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;

import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.MemArg;
import flint.wasm.model.Opcode;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Loads, stores, memory size and growth, bulk memory, multiple memories and 64-bit memories. */
class MemoryTest {
    private static final Limits MEM32 = Limits.of(1);
    private static final Limits MEM64 = new Limits(1, OptionalLong.empty(), true, false);

    private static flint.wasm.model.WasmModule withMemories(List<Limits> memories, flint.wasm.model.FuncType type,
                                                           Instruction... body) {
        return module(b -> {
            for (var l : memories) b.memory(l);
            b.function(type, List.of(), List.of(body));
        });
    }

    private static flint.wasm.model.WasmModule withMemory(flint.wasm.model.FuncType type, Instruction... body) {
        return withMemories(List.of(MEM32), type, body);
    }

    @Test
    void loadsAndStoresUseTheAddressType() {
        assertValid(withMemory(fn(types(), types(I64)), i32(0), mem(Opcode.I64_LOAD32_U)));
        assertValid(withMemory(VOID, i32(0), f64(1), mem(Opcode.F64_STORE)));
        assertInvalid("type mismatch", withMemory(VOID, i64(0), f64(1), mem(Opcode.F64_STORE)));
        assertValid(withMemories(List.of(MEM64), fn(types(), types(I32)), i64(0), mem(Opcode.I32_LOAD8_S)));
        assertInvalid("type mismatch", withMemories(List.of(MEM64), fn(types(), types(I32)), i32(0), mem(Opcode.I32_LOAD8_S)));
        assertValid(withMemories(List.of(MEM64), VOID, i64(0), v128(), mem(Opcode.V128_STORE)));
    }

    @Test
    void memoryAccessWithoutMemoryIsUnknownMemory() {
        invalidBody("unknown memory", fn(types(), types(F32)), i32(0), mem(Opcode.F32_LOAD));
        invalidBody("unknown memory", VOID, i32(0), i32(0), mem(Opcode.I32_STORE8));
        invalidBody("unknown memory", fn(types(), types(I32)), ix(Opcode.MEMORY_SIZE, 0));
        invalidBody("unknown memory", fn(types(), types(I32)), i32(0), ix(Opcode.MEMORY_GROW, 0));
    }

    @Test
    void alignmentMustNotExceedNatural() {
        assertValid(withMemory(fn(types(), types(I32)), i32(0), mem(Opcode.I32_LOAD16_U, 1, 0, 0)));
        assertValid(withMemory(fn(types(), types(I32)), i32(0), mem(Opcode.I32_LOAD16_U, 0, 0, 0)));
        assertInvalid("alignment must not be larger than natural",
                withMemory(fn(types(), types(I32)), i32(0), mem(Opcode.I32_LOAD16_U, 2, 0, 0)));
        assertInvalid("alignment must not be larger than natural",
                withMemory(fn(types(), types(V128)), i32(0), mem(Opcode.V128_LOAD, 5, 0, 0)));
        assertInvalid("alignment must not be larger than natural",
                withMemory(VOID, i32(0), i64(0), mem(Opcode.I64_STORE, 63, 0, 0)));
    }

    @Test
    void offsetMustFitA32BitMemory() {
        assertValid(withMemory(fn(types(), types(I32)), i32(0), mem(Opcode.I32_LOAD, 2, 0xFFFF_FFFFL, 0)));
        assertInvalid("offset out of range", withMemory(fn(types(), types(I32)), i32(0), mem(Opcode.I32_LOAD, 2, 0x1_0000_0000L, 0)));
        assertInvalid("offset out of range", withMemory(fn(types(), types(I32)), i32(0), mem(Opcode.I32_LOAD, 2, -1L, 0)));
        assertValid(withMemories(List.of(MEM64), fn(types(), types(I32)), i64(0), mem(Opcode.I32_LOAD, 2, -1L, 0)));
    }

    @Test
    void memoryIndexSelectsAmongMultipleMemories() {
        var mems = List.of(MEM32, MEM64);
        assertValid(withMemories(mems, fn(types(), types(I32)), i64(0), mem(Opcode.I32_LOAD, 2, 0, 1)));
        assertInvalid("type mismatch", withMemories(mems, fn(types(), types(I32)), i32(0), mem(Opcode.I32_LOAD, 2, 0, 1)));
        assertInvalid("unknown memory 2", withMemories(mems, fn(types(), types(I32)), i32(0), mem(Opcode.I32_LOAD, 2, 0, 2)));
        assertValid(withMemories(mems, fn(types(), types(I64)), ix(Opcode.MEMORY_SIZE, 1)));
        assertValid(withMemories(mems, fn(types(), types(I64)), i64(1), ix(Opcode.MEMORY_GROW, 1)));
        assertInvalid("type mismatch", withMemories(mems, fn(types(), types(I64)), i32(1), ix(Opcode.MEMORY_GROW, 1)));
    }

    @Test
    void laneLoadsCheckAlignmentAndLane() {
        var load = new Instruction.MemoryLane(Opcode.V128_LOAD16_LANE, new MemArg(1, 0, 0), 7);
        assertValid(withMemory(fn(types(V128), types(V128)), i32(0), get(0), load));
        var badLane = new Instruction.MemoryLane(Opcode.V128_LOAD16_LANE, new MemArg(1, 0, 0), 8);
        assertInvalid("invalid lane index", withMemory(fn(types(V128), types(V128)), i32(0), get(0), badLane));
        var badAlign = new Instruction.MemoryLane(Opcode.V128_STORE32_LANE, new MemArg(3, 0, 0), 0);
        assertInvalid("alignment must not be larger than natural", withMemory(VOID, i32(0), v128(), badAlign));
    }

    @Test
    void memoryFillAndCopyUseEachMemorysAddressType() {
        assertValid(withMemory(VOID, i32(0), i32(0), i32(0), ix(Opcode.MEMORY_FILL, 0)));
        assertValid(withMemories(List.of(MEM64), VOID, i64(0), i32(0), i64(0), ix(Opcode.MEMORY_FILL, 0)));
        assertInvalid("type mismatch", withMemories(List.of(MEM64), VOID, i64(0), i64(0), i64(0), ix(Opcode.MEMORY_FILL, 0)));
        var mems = List.of(MEM32, MEM64);
        // copy from 64-bit memory 1 into 32-bit memory 0: dst i32, src i64, length i32 (the smaller).
        assertValid(withMemories(mems, VOID, i32(0), i64(0), i32(0), two(Opcode.MEMORY_COPY, 0, 1)));
        assertInvalid("type mismatch", withMemories(mems, VOID, i32(0), i64(0), i64(0), two(Opcode.MEMORY_COPY, 0, 1)));
        assertValid(withMemories(List.of(MEM64, MEM64), VOID, i64(0), i64(0), i64(0), two(Opcode.MEMORY_COPY, 0, 1)));
        invalidBody("unknown memory 0", VOID, i32(10), i32(20), i32(30), two(Opcode.MEMORY_COPY, 0, 0));
        invalidBody("unknown memory 0", VOID, i32(10), i32(20), i32(30), ix(Opcode.MEMORY_FILL, 0));
    }

    @Test
    void memoryInitAndDataDropNeedTheSegment() {
        var m = module(b -> {
            b.memory(MEM32);
            b.passiveData(new byte[] {1, 2, 3});
            b.function(VOID, List.of(i32(0), i32(0), i32(1), two(Opcode.MEMORY_INIT, 0, 0), ix(Opcode.DATA_DROP, 0)));
        });
        assertValid(m);
        assertInvalid("unknown data segment 1", module(b -> {
            b.memory(MEM32);
            b.passiveData(new byte[] {1});
            b.function(VOID, List.of(i32(0), i32(0), i32(1), two(Opcode.MEMORY_INIT, 1, 0)));
        }));
        assertInvalid("unknown data segment", module(b -> b.function(VOID, List.of(ix(Opcode.DATA_DROP, 0)))));
        // Without a memory the memory is reported first, as the reference interpreter does.
        assertInvalid("unknown memory 0", module(b -> b.function(VOID, List.of(i32(0), i32(0), i32(1), two(Opcode.MEMORY_INIT, 1, 0)))));
        assertValid(module(b -> {
            b.memory(MEM64);
            b.passiveData(new byte[] {1});
            b.function(VOID, List.of(i64(0), i32(0), i32(1), two(Opcode.MEMORY_INIT, 0, 0)));
        }));
    }
}

package flint.runtime.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import flint.compiler.Abi;
import flint.compiler.RuntimeHelper;
import flint.compiler.WasmTrap;
import flint.compiler.x64.asm.Disassembler;
import flint.runtime.exec.ArgBuffer;
import flint.runtime.exec.EntryTrampoline;
import flint.runtime.exec.ExecContext;
import flint.runtime.exec.TrapCode;
import flint.runtime.exec.VmContext;
import flint.runtime.memory.LinearMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiler's {@link Abi} and the runtime's structs and stubs describe the same machine. */
class AbiAgreementTest {

    @Test
    void structOffsetsAgree() {
        assertEquals(ExecContext.STACK_LIMIT, Abi.EXEC_STACK_LIMIT);
        assertEquals(ExecContext.INTERRUPT, Abi.EXEC_INTERRUPT);
        assertEquals(ExecContext.TRAP_STUB, Abi.EXEC_TRAP_STUB);
        assertEquals(VmContext.EXEC_CONTEXT, Abi.VMCTX_EXEC_CONTEXT);
        assertEquals(ArgBuffer.SLOT_SIZE, Abi.SLOT_SIZE);
        assertEquals(LinearMemory.DEFINITION_SIZE, Abi.MEMORY_RECORD_SIZE);
        assertEquals(LinearMemory.DEFINITION_BASE, Abi.MEMORY_BASE_FIELD);
        assertEquals(LinearMemory.DEFINITION_LENGTH, Abi.MEMORY_LENGTH_FIELD);
        assertEquals(VmContext.EXEC_CONTEXT, HostCallThunk.RECORD_EXEC_CONTEXT);
    }

    @Test
    void trapCodesAreTheCompilersNumbers() {
        assertEquals(WasmTrap.values().length, TrapCode.values().length);
        for (var trap : WasmTrap.values()) {
            var code = TrapCode.of(trap);
            assertEquals(trap.code(), code.code());
            assertEquals(trap.message(), code.message());
            assertEquals(trap.name(), code.name());
            assertEquals(code, TrapCode.of(trap.code()).orElseThrow());
        }
    }

    @Test
    void helpersHaveAddresses() {
        assertEquals(EntryTrampoline.trapStub().address(), RuntimeHelpers.address(RuntimeHelper.TRAP));
        for (var helper : RuntimeHelper.values()) {
            assertNotEquals(0, RuntimeHelpers.address(helper), helper::name);
        }
    }

    @Test
    void theHostCallThunkIsTheDocumentedSequence() {
        var text = Disassembler.objdump().disassemble(HostCallThunk.assemble()).stream()
                .map(Disassembler.Line::text).toList();
        assertEquals(List.of(
                "push rbp",
                "mov rbp,rsp",
                "mov rdi,QWORD PTR [r14+0x10]",
                "lea rsi,[rbp+0x10]",
                "call QWORD PTR [r14+0x8]",
                "test eax,eax",
                "jne 0x1a",
                "pop rbp",
                "ret",
                "mov esi,eax",
                "mov rdi,r14",
                "mov rax,QWORD PTR [r14]",
                "jmp QWORD PTR [rax+0x20]"), text.stream().map(AbiAgreementTest::withoutComment).toList(),
                () -> String.join("\n", text));
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf(" <");
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }
}

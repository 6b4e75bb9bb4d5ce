package flint.compiler;

import static flint.wasm.model.NumType.I32;
import static flint.wasm.model.NumType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.CpuFeatures;
import flint.compiler.x64.asm.Disassembler;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.FuncType;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The canonical sequences, as objdump reads them: the ABI in instructions. */
class AbiSequencesTest {

    private static List<String> disassemble(Consumer<Assembler> emit) {
        var asm = new Assembler(CpuFeatures.all());
        emit.accept(asm);
        return Disassembler.objdump().disassemble(asm.finish()).stream()
                .map(line -> line.text().replaceAll(" *<.*>$", "").replaceAll(" *#.*$", "")).toList();
    }

    @Test
    void prologueAndEpilogue() {
        var text = disassemble(asm -> {
            var trap = asm.newLabel();
            var frame = AbiSequences.prologue(asm, trap, trap, true);
            AbiSequences.setFrameSize(asm, frame, 48);
            AbiSequences.epilogue(asm);
            asm.bind(trap);
            AbiSequences.trap(asm, WasmTrap.CALL_STACK_EXHAUSTED);
        });
        assertEquals(List.of(
                "push rbp",
                "mov rbp,rsp",
                "sub rsp,0x30",
                "mov rax,QWORD PTR [r14]",
                "cmp rsp,QWORD PTR [rax+0x8]",
                "jb 0x2c",
                "mov QWORD PTR [rbp-0x8],r14",
                "cmp DWORD PTR [rax+0x1c],0x0",
                "jne 0x2c",
                "mov r15,QWORD PTR [r14+0x10]",
                "leave",
                "ret",
                "mov esi,0xc",
                "mov rdi,r14",
                "mov rax,QWORD PTR [r14]",
                "jmp QWORD PTR [rax+0x20]"), text);
    }

    @Test
    void callThroughAnImportedFunctionEntry() {
        var b = new ModuleBuilder();
        b.importFunction("env", "a", FuncType.EMPTY);
        b.importFunction("env", "b", FuncType.EMPTY);
        var layout = VmctxLayout.of(b.build());
        var text = disassemble(asm -> AbiSequences.callImport(asm, layout, 1, true));
        assertEquals(List.of(
                "mov rax,QWORD PTR [r14+0x28]",
                "mov r14,QWORD PTR [r14+0x30]",
                "call rax",
                "mov r14,QWORD PTR [rbp-0x8]",
                "mov r15,QWORD PTR [r14+0x10]"), text);
    }

    @Test
    void shimCopiesSlotsAroundTheCall() {
        var text = disassemble(asm -> {
            var target = asm.newLabel();
            ShimGenerator.emit(asm, FuncType.of(List.of(I32, I64), List.of(I64)), target);
            asm.bind(target);
            asm.ret();
        });
        assertEquals(List.of(
                "push rbp",
                "mov rbp,rsp",
                "push rsi",
                "sub rsp,0x28",
                "mov rax,QWORD PTR [rdi]",
                "cmp rsp,QWORD PTR [rax+0x8]",
                "jb 0x3b",
                "movups xmm0,XMMWORD PTR [rsi]",
                "movups XMMWORD PTR [rsp],xmm0",
                "movups xmm0,XMMWORD PTR [rsi+0x10]",
                "movups XMMWORD PTR [rsp+0x10],xmm0",
                "mov r14,rdi",
                "call 0x43",
                "mov rsi,QWORD PTR [rbp-0x8]",
                "movups xmm0,XMMWORD PTR [rsp]",
                "movups XMMWORD PTR [rsi],xmm0",
                "leave",
                "ret",
                "mov esi,0xc",
                "jmp QWORD PTR [rax+0x20]",
                "ret"), text);
    }

    @Test
    void longSignaturesCopyInALoop() {
        var many = Collections.nCopies(ShimGenerator.UNROLL_LIMIT + 1, (flint.wasm.model.ValType) I64);
        var text = disassemble(asm -> {
            var target = asm.newLabel();
            ShimGenerator.emit(asm, FuncType.of(many, List.of()), target);
            asm.bind(target);
            asm.ret();
        });
        assertEquals(1, text.stream().filter(t -> t.startsWith("movups xmm0,XMMWORD PTR [rsi+rax")).count(), text::toString);
        assertEquals(0, text.stream().filter(t -> t.startsWith("movups xmm0,XMMWORD PTR [rsp")).count(), "no results to copy");
    }
}

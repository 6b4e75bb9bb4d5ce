package flint.compiler.x64.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DisassemblerTest {

    @Test
    void missingObjdumpFailsWithAnInstallHint() {
        var d = new Disassembler("/nonexistent/bin/objdump");
        var e = assertThrows(IllegalStateException.class, () -> d.disassemble(new byte[] {(byte) 0x90}));
        assertTrue(e.getMessage().contains("install GNU binutils"), e.getMessage());
        assertTrue(e.getMessage().contains("/nonexistent/bin/objdump"), e.getMessage());
    }

    @Test
    void objdumpIsInstalled() {
        // CI installs binutils; without it every encoding test would fail, so say so plainly here too
        var lines = Disassembler.objdump().disassemble(new byte[] {(byte) 0xC3});
        assertEquals(List.of("ret"), lines.stream().map(Disassembler.Line::text).toList());
    }

    @Test
    void linesCarryOffsetsBytesAndText() {
        var a = new Assembler(CpuFeatures.all());
        a.mov(Size.S64, Gpr.RAX, Gpr.RBX);
        Label top = a.here();
        a.movabs(Gpr.R15, 0x1122334455667788L);
        a.jmp(top);
        var lines = Disassembler.objdump().disassemble(a.finish(), 0x1000);
        assertEquals(3, lines.size());
        assertEquals(0x1000, lines.get(0).offset());
        assertArrayEquals(new byte[] {0x48, (byte) 0x89, (byte) 0xD8}, lines.get(0).bytes());
        assertEquals("mov rax,rbx", lines.get(0).text());
        assertEquals(0x1003, lines.get(1).offset());
        assertEquals(10, lines.get(1).length());
        assertEquals("movabs r15,0x1122334455667788", lines.get(1).text());
        assertEquals("jmp 0x1003", lines.get(2).text(), "branch targets are absolute at the base address");
        String text = Disassembler.format(lines);
        assertTrue(text.contains("    100d:  eb f4"), text);
        assertEquals(3, text.lines().count());
    }

    @Test
    void emptyCodeNeedsNoObjdump() {
        assertEquals(List.of(), new Disassembler("/nonexistent").disassemble(new byte[0]));
    }

    @Test
    void parsesObjdumpOutputIncludingWrappedByteLines() {
        String out = """

                /tmp/x.bin:     file format binary


                Disassembly of section .data:

                0000000000000000 <.data>:
                   0:\t48 89 d8             \tmov    rax,rbx
                   3:\t48 b8 88 77 66 55 44 \tmovabs rax,0x1122334455667788
                   a:\t33 22 11\s
                   d:\tc3                   \tret
                """;
        var lines = Disassembler.parse(out);
        assertEquals(3, lines.size());
        assertEquals("mov rax,rbx", lines.get(0).text());
        assertEquals(10, lines.get(1).length(), "the continuation line's bytes belong to the movabs");
        assertEquals(0xd, lines.get(2).offset());
    }
}

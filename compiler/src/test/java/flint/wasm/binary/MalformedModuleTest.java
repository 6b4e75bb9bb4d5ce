package flint.wasm.binary;

import static flint.wasm.binary.Bytes.hex;
import static flint.wasm.binary.Bytes.module;
import static flint.wasm.binary.MalformedModuleException.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * One hand-made byte sequence per malformation, with the testsuite's wording and the offset the
 * decoder must report. Offsets count from the start of the module; the header takes bytes 0..7,
 * so the first section's id is at 8.
 */
class MalformedModuleTest {
    // Sections reused by the cases below: type [] -> [] at 8..13, one function at 14..17.
    private static final String TYPE = "01 04 01 60 00 00 ";
    private static final String FUNC = "03 02 01 00 ";

    static Stream<Arguments> cases() {
        return Stream.of(
                // The header.
                Arguments.of("empty input", hex(""), UNEXPECTED_END, 0),
                Arguments.of("short magic", hex("00 61 73"), UNEXPECTED_END, 3),
                Arguments.of("short version", hex("00 61 73 6d 01"), UNEXPECTED_END, 5),
                Arguments.of("wrong magic", hex("61 73 6d 00"), MAGIC_HEADER, 0),
                Arguments.of("byte order mark before magic", hex("ef bb bf 00 61 73 6d 01 00 00 00"), MAGIC_HEADER, 0),
                Arguments.of("version 2", hex("00 61 73 6d 02 00 00 00"), UNKNOWN_VERSION, 4),
                Arguments.of("component layer", hex("00 61 73 6d 0d 00 01 00"), UNKNOWN_VERSION, 4),
                // Section framing and order.
                Arguments.of("section id 14", module("0e 01 00"), MALFORMED_SECTION_ID, 8),
                Arguments.of("section id 0x80", module("80 01 00"), MALFORMED_SECTION_ID, 8),
                Arguments.of("section size past the end", module("01 06 01 60 00 00"), LENGTH_OUT_OF_BOUNDS, 9),
                Arguments.of("section longer than its entries", module("01 07 01 60 00 00 60 00 00"), SECTION_SIZE_MISMATCH, 10),
                Arguments.of("entry past the end of the module", module("05 01 01"), UNEXPECTED_END_OF_SECTION, 11),
                Arguments.of("duplicate type section", module("01 01 00 01 01 00"), UNEXPECTED_CONTENT, 11),
                Arguments.of("data count after code", module("0a 01 00 0c 01 00"), UNEXPECTED_CONTENT, 11),
                Arguments.of("tag after global", module("06 01 00 0d 01 00"), UNEXPECTED_CONTENT, 11),
                Arguments.of("custom section name past its section", module("00 00 00"), UNEXPECTED_END, 10),
                Arguments.of("custom section size past the end", module("00 06 03 61 62 63"), LENGTH_OUT_OF_BOUNDS, 9),
                // LEB128 integers.
                Arguments.of("u32 with bits above 32", module("03 06 01 80 80 80 80 10"), INTEGER_TOO_LARGE, 15),
                Arguments.of("u32 in six bytes", module("03 07 01 80 80 80 80 80 00"), INTEGER_TOO_LONG, 16),
                Arguments.of("s32 with a bad sign extension", module("06 0a 01 7f 00 41 80 80 80 80 70 0b"), INTEGER_TOO_LARGE, 18),
                Arguments.of("s64 in eleven bytes", module("06 10 01 7e 00 42 80 80 80 80 80 80 80 80 80 80 00 0b"), INTEGER_TOO_LONG, 24),
                Arguments.of("u64 limits with bits above 64", module("05 0c 01 00 ff ff ff ff ff ff ff ff ff 02"), INTEGER_TOO_LARGE, 21),
                Arguments.of("type form with a continuation bit", module("01 05 01 e0 7f 00 00"), INTEGER_TOO_LONG, 12),
                // Names.
                Arguments.of("export name not UTF-8", module("07 05 01 01 ff 00 00"), MALFORMED_UTF8, 11),
                Arguments.of("overlong UTF-8", module("07 06 01 02 c0 80 00 00"), MALFORMED_UTF8, 11),
                Arguments.of("UTF-8 surrogate", module("07 07 01 03 ed a0 80 00 00"), MALFORMED_UTF8, 11),
                Arguments.of("custom section name not UTF-8", module("00 03 02 61 80"), MALFORMED_UTF8, 10),
                // Types.
                Arguments.of("unknown definition type", module("01 02 01 5d"), MALFORMED_DEFINITION_TYPE, 11),
                Arguments.of("number type where a reference type goes", module("04 04 01 7f 00 00"), MALFORMED_REFERENCE_TYPE, 11),
                Arguments.of("bad heap type", module("04 05 01 64 40 00 00"), MALFORMED_HEAP_TYPE, 12),
                Arguments.of("bad value type", module("01 05 01 60 01 00 00"), MALFORMED_REFERENCE_TYPE, 13),
                Arguments.of("mutability 2", module("06 06 01 7f 02 41 00 0b"), MALFORMED_MUTABILITY, 12),
                Arguments.of("memory limits flags 8", module("05 03 01 08 00"), MALFORMED_LIMITS_FLAGS, 11),
                Arguments.of("memory limits flags as LEB", module("05 05 01 81 00 00 00"), MALFORMED_LIMITS_FLAGS, 11),
                Arguments.of("shared table", module("04 04 01 70 02 00"), MALFORMED_LIMITS_FLAGS, 12),
                Arguments.of("tag attribute 1", module("0d 03 01 01 00"), ZERO_BYTE_EXPECTED, 11),
                Arguments.of("table initializer without its zero byte", module("04 06 01 40 01 70 00 00"), MALFORMED_REFERENCE_TYPE, 11),
                // Imports, exports, segments.
                Arguments.of("import kind 5", module("02 04 01 00 00 05"), MALFORMED_IMPORT_KIND, 13),
                Arguments.of("import kind 0x80", module("02 04 01 00 00 80"), MALFORMED_IMPORT_KIND, 13),
                Arguments.of("export kind 5", module("07 04 01 00 05 00"), MALFORMED_EXPORT_KIND, 12),
                Arguments.of("element segment kind 8", module("09 02 01 08"), MALFORMED_ELEMENTS_SEGMENT_KIND, 11),
                Arguments.of("element kind 1", module("09 03 01 01 01"), MALFORMED_ELEMENT_KIND, 12),
                Arguments.of("data segment kind 3", module("0b 02 01 03"), MALFORMED_DATA_SEGMENT_KIND, 11),
                Arguments.of("data bytes past the end", module("05 03 01 00 01 0b 0c 01 00 41 03 0b 07 61 62 63 64 65 66"),
                        UNEXPECTED_END_OF_SECTION, 27),
                Arguments.of("illegal opcode in an offset", module("0b 05 01 00 ff 0b 00"), ILLEGAL_OPCODE + " ff", 12),
                Arguments.of("offset expression with a misplaced else", module("0b 06 01 00 41 00 05 00"), END_EXPECTED, 14),
                // Consistency checks after the last section.
                Arguments.of("function without code", module(TYPE + FUNC), FUNCTION_CODE_LENGTHS, 14),
                Arguments.of("code without function", module("0a 04 01 02 00 0b"), FUNCTION_CODE_LENGTHS, 8),
                Arguments.of("data count without data", module("0c 01 01"), DATA_COUNT_LENGTHS, 8),
                Arguments.of("data count of 2 for 1 segment", module("0c 01 02 0b 04 01 01 01 00"), DATA_COUNT_LENGTHS, 11),
                Arguments.of("data.drop without data count", module(TYPE + FUNC + "0a 07 01 05 00 fc 09 00 0b"), DATA_COUNT_REQUIRED, 23),
                // Function bodies.
                Arguments.of("too many locals", module(TYPE + FUNC + "0a 0c 01 0a 02 ff ff ff ff 0f 7f 02 7e 0b"), TOO_MANY_LOCALS, 22),
                Arguments.of("local count too large", module(TYPE + FUNC + "0a 0c 01 0a 02 80 80 80 80 10 7f 02 7e 0b"), INTEGER_TOO_LARGE, 27),
                Arguments.of("illegal opcode", module(TYPE + FUNC + "0a 05 01 03 00 ff 0b"), ILLEGAL_OPCODE + " ff", 23),
                Arguments.of("illegal 0xfc opcode", module(TYPE + FUNC + "0a 06 01 04 00 fc 12 0b"), ILLEGAL_OPCODE + " fc 12", 23),
                Arguments.of("illegal 0xfd opcode", module(TYPE + FUNC + "0a 07 01 05 00 fd 9a 01 0b"), ILLEGAL_OPCODE + " fd 9a", 23),
                Arguments.of("0xfc opcode in six bytes", module(TYPE + FUNC + "0a 0b 01 09 00 fc 87 80 80 80 80 00 0b"), INTEGER_TOO_LONG, 29),
                Arguments.of("else outside an if", module(TYPE + FUNC + "0a 05 01 03 00 05 0b"), END_EXPECTED, 23),
                Arguments.of("second else", module(TYPE + FUNC + "0a 0b 01 09 00 41 00 04 40 05 05 0b 0b"), END_EXPECTED, 28),
                Arguments.of("body runs out of module", module(TYPE + FUNC + "0a 05 01 03 00 41 01"), UNEXPECTED_END_OF_SECTION, 25),
                Arguments.of("body without end, more bytes follow", module(TYPE + FUNC + "0a 06 01 04 00 41 01 1a 0b 03 01 01 00"),
                        SECTION_SIZE_MISMATCH, 22),
                Arguments.of("body ends early", module(TYPE + FUNC + "0a 07 01 05 00 0b 01 01 01"), SECTION_SIZE_MISMATCH, 22),
                Arguments.of("memop flags 0x80", module(TYPE + FUNC + "05 03 01 00 01 0a 0b 01 09 00 41 00 28 80 01 00 1a 0b"),
                        MALFORMED_MEMOP_FLAGS, 31),
                Arguments.of("catch clause kind 4", module(TYPE + FUNC + "0a 0a 01 08 00 1f 40 01 04 00 0b 0b"), MALFORMED_CATCH_CLAUSE, 26));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheTestsuiteWordingAndOffset(String name, byte[] bytes, String wording, int offset) {
        var e = assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(bytes));
        assertTrue(e.getMessage().startsWith(wording), () -> "expected \"" + wording + "\", got \"" + e.getMessage() + "\"");
        assertEquals(offset, e.offset(), () -> "offset in " + e.getMessage());
        assertFalse(e instanceof UnsupportedFeatureException);
    }

    @Test
    void messageCarriesWordingDetailAndOffset() {
        var e = assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(module(TYPE + FUNC + "0a 05 01 03 00 ff 0b")));
        assertEquals(ILLEGAL_OPCODE, e.wording());
        assertEquals("illegal opcode ff (at offset 0x17)", e.getMessage());
    }

    @Test
    void lazyDecodingLeavesBodiesToTheirReader() {
        var bytes = module(TYPE + FUNC + "0a 05 01 03 00 05 0b");
        var m = ModuleDecoder.decodeLazily(bytes);
        var body = m.codes().getFirst();
        assertEquals(23, body.offset());
        var e = assertThrows(MalformedModuleException.class, () -> CodeSyntax.checkBody(body));
        assertEquals(END_EXPECTED, e.wording());
        assertEquals(23, e.offset());
    }

    @Test
    void lazyDecodingSkipsTheDataCountRequirement() {
        var bytes = module(TYPE + FUNC + "0a 07 01 05 00 fc 09 00 0b");
        assertTrue(CodeSyntax.checkBody(ModuleDecoder.decodeLazily(bytes).codes().getFirst()).usesDataIndex());
    }

    @Test
    void gcTypesAreUnsupportedNotMalformed() {
        var e = assertThrows(UnsupportedFeatureException.class, () -> ModuleDecoder.decode(module("01 03 01 5f 00")));
        assertEquals(11, e.offset()); // the type entry, after the section's count
        assertTrue(e.getMessage().startsWith("GC types"), e.getMessage());
        // A malformed GC type is reported as malformed, with the testsuite's wording.
        var m = assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(module("01 04 01 5e 78 02")));
        assertEquals(MALFORMED_MUTABILITY, m.wording());
        // A later malformation wins over an unsupported type, as it would in a decoder supporting GC.
        var later = assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(module("01 03 01 5f 00 0e 00")));
        assertEquals(MALFORMED_SECTION_ID, later.wording());
    }

    @Test
    void gcInstructionsAndAtomicsAreUnsupported() {
        var gc = module(TYPE + FUNC + "0a 07 01 05 00 fb 01 00 0b");
        assertEquals(23, assertThrows(UnsupportedFeatureException.class, () -> ModuleDecoder.decode(gc)).offset());
        var atomic = module(TYPE + FUNC + "0a 07 01 05 00 fe 03 00 0b");
        assertThrows(UnsupportedFeatureException.class, () -> ModuleDecoder.decode(atomic));
    }

    @Test
    void longhandFunctionTypesAreFunctionTypes() {
        // rec { sub final () (func) } is the plain function type spelled out.
        var m = ModuleDecoder.decode(module("01 08 01 4e 01 4f 00 60 00 00"));
        assertEquals(1, m.types().size());
        assertTrue(m.types().getFirst().params().isEmpty());
        // A non-final sub type is not.
        assertThrows(UnsupportedFeatureException.class, () -> ModuleDecoder.decode(module("01 06 01 50 00 60 00 00")));
    }
}

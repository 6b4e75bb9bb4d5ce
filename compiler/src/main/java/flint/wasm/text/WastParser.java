package flint.wasm.text;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.HeapType;
import flint.wasm.model.NumType;
import flint.wasm.value.Value;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;

/**
 * The WAST script format of the spec testsuite: modules (text, binary, quoted, definitions and
 * instances), {@code register}, actions and every assertion. Modules are not parsed here (see
 * {@link ModuleSource}); values and result patterns are.
 */
public final class WastParser {
    private static final Set<String> MODULE_FIELDS =
            Set.of("type", "rec", "import", "func", "table", "memory", "global", "tag", "export", "start", "elem", "data");

    private final String source;
    private final String file;
    private final Cursor in;

    private WastParser(String source, String file) {
        this.source = source;
        this.file = file;
        this.in = new Cursor(Lexer.lex(source, file).tokens(), file);
    }

    public static WastScript parse(String source, String fileName) {
        return new WastParser(source, fileName).script();
    }

    /** Parses a script file (UTF-8). */
    public static WastScript parse(Path file) throws IOException {
        return parse(SourceText.decode(Files.readAllBytes(file), file.toString()), file.toString());
    }

    private WastScript script() {
        var commands = new ArrayList<Command>();
        // A script may also be a module's fields alone (the spec's inline module).
        var kw = in.listKeyword();
        if (kw != null && MODULE_FIELDS.contains(kw)) {
            var first = in.peek();
            commands.add(new Command.Module(first.line(), Optional.empty(),
                    new ModuleSource.Text(file, source, first.line(), first.column()), false));
            return new WastScript(file, commands);
        }
        while (!in.atEnd()) commands.add(command());
        return new WastScript(file, commands);
    }

    private Command command() {
        var open = in.peek();
        int line = open.line();
        var kw = in.listKeyword();
        if (kw == null) throw in.unexpected(in.peek(in.at(Token.Kind.LPAREN) ? 1 : 0), "a command");
        return switch (kw) {
            case "module" -> moduleCommand();
            case "register" -> {
                in.expectList("register");
                var as = in.name("module name");
                var instance = optionalId();
                in.expectRParen();
                yield new Command.Register(line, as, instance);
            }
            case "invoke", "get" -> new Command.Perform(line, action());
            case "assert_return" -> {
                in.expectList(kw);
                var action = action();
                var results = new ArrayList<Expected>();
                while (in.at(Token.Kind.LPAREN)) results.add(expected());
                in.expectRParen();
                yield new Command.AssertReturn(line, action, results);
            }
            case "assert_trap" -> {
                in.expectList(kw);
                if (in.atList("module")) {
                    var module = assertedModule();
                    yield new Command.AssertUninstantiable(line, module, message());
                }
                var action = action();
                yield new Command.AssertTrap(line, action, message());
            }
            case "assert_exhaustion" -> {
                in.expectList(kw);
                var action = action();
                yield new Command.AssertExhaustion(line, action, message());
            }
            case "assert_exception" -> {
                in.expectList(kw);
                var action = action();
                in.expectRParen();
                yield new Command.AssertException(line, action);
            }
            case "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_uninstantiable",
                 "assert_malformed_custom", "assert_invalid_custom" -> {
                in.expectList(kw);
                var module = assertedModule();
                var message = message();
                yield switch (kw) {
                    case "assert_invalid" -> new Command.AssertInvalid(line, module, message);
                    case "assert_malformed" -> new Command.AssertMalformed(line, module, message);
                    case "assert_unlinkable" -> new Command.AssertUnlinkable(line, module, message);
                    case "assert_uninstantiable" -> new Command.AssertUninstantiable(line, module, message);
                    case "assert_malformed_custom" -> new Command.AssertMalformedCustom(line, module, message);
                    default -> new Command.AssertInvalidCustom(line, module, message);
                };
            }
            default -> throw in.unexpected(in.peek(1), "a command");
        };
    }

    /** The failure message closing an assertion. */
    private String message() {
        var m = in.string("a failure message");
        in.expectRParen();
        return m == null ? "" : m;
    }

    private Optional<String> optionalId() {
        var id = in.tryId();
        return id == null ? Optional.empty() : Optional.of(id.idName());
    }

    private Command moduleCommand() {
        var open = in.peek();
        in.expectList("module");
        if (in.tryKeyword("instance")) {
            var first = optionalId();
            var second = optionalId();
            in.expectRParen();
            // (module instance $i $d), or (module instance $d) naming only the definition.
            return second.isPresent()
                    ? new Command.Instance(open.line(), first, second)
                    : new Command.Instance(open.line(), Optional.empty(), first);
        }
        boolean definition = in.tryKeyword("definition");
        var name = optionalId();
        var module = moduleBody();
        return new Command.Module(open.line(), name, module, definition);
    }

    /** A module inside an assertion (its name, if any, is ignored; definitions are not allowed). */
    private ModuleSource assertedModule() {
        var open = in.peek();
        in.expectList("module");
        if (in.tryKeyword("instance")) {
            var first = optionalId();
            var second = optionalId();
            in.expectRParen();
            return new ModuleSource.Instance(second.isPresent() ? second : first);
        }
        if (in.atKeyword("definition")) throw in.error(in.peek(), "misplaced module definition", "");
        optionalId();
        var module = moduleBody();
        if (module == null) throw in.error(open, "unexpected token", "module");
        return module;
    }

    /** After {@code (module definition? $name?}: {@code binary ...}, {@code quote ...} or fields, and the closing parenthesis. */
    private ModuleSource moduleBody() {
        if (in.at(Token.Kind.KEYWORD) && (in.peek().text().equals("binary") || in.peek().text().equals("quote"))) {
            var kw = in.next();
            var bytes = new ByteArrayOutputStream();
            while (in.at(Token.Kind.STRING)) bytes.writeBytes(in.next().bytes());
            in.expectRParen();
            return kw.text().equals("binary")
                    ? new ModuleSource.Binary(bytes.toByteArray())
                    : new ModuleSource.Quote(file, kw.line(), bytes.toByteArray());
        }
        // The fields' text runs from just after the previous token to the closing parenthesis,
        // so that annotations before the first field stay with the module.
        var previous = in.previous();
        int start = previous.offset() + previous.text().length();
        int line = previous.line(), column = previous.column() + previous.text().length();
        in.skipToListEnd();
        var close = in.expect(Token.Kind.RPAREN, "\")\"");
        return new ModuleSource.Text(file, source.substring(start, close.offset()), line, column);
    }

    private Action action() {
        in.expectLParen();
        var kw = in.expect(Token.Kind.KEYWORD, "invoke or get");
        var instance = optionalId();
        var name = in.name("export name");
        Action action;
        switch (kw.text()) {
            case "invoke" -> {
                var args = new ArrayList<Value>();
                while (in.at(Token.Kind.LPAREN)) args.add(argument());
                action = new Action.Invoke(instance, name, args);
            }
            case "get" -> action = new Action.Get(instance, name);
            default -> throw in.unexpected(kw, "invoke or get");
        }
        in.expectRParen();
        return action;
    }

    private Value argument() {
        in.expectLParen();
        var kw = in.expect(Token.Kind.KEYWORD, "a constant");
        Value v = switch (kw.text()) {
            case "i32.const" -> new Value.I32((int) LiteralReader.integer(in, 32));
            case "i64.const" -> new Value.I64(LiteralReader.integer(in, 64));
            case "f32.const" -> new Value.F32(LiteralReader.f32(in));
            case "f64.const" -> new Value.F64(LiteralReader.f64(in));
            case "v128.const" -> {
                var bytes = VectorLiterals.parse(in);
                yield new Value.V128(VectorLiterals.low(bytes), VectorLiterals.high(bytes));
            }
            case "ref.null" -> nullValue(heapType());
            case "ref.extern" -> new Value.ExternRef(nat32());
            case "ref.host" -> new Value.ExternRef(new Action.HostRef(nat32()));
            default -> throw in.unexpected(kw, "a constant");
        };
        in.expectRParen();
        return v;
    }

    private static Value nullValue(HeapType heap) {
        if (heap instanceof AbsHeapType abs) {
            return switch (abs.top()) {
                case EXTERN -> Value.ExternRef.NULL;
                case EXN -> Value.ExnRef.NULL;
                default -> Value.FuncRef.NULL;
            };
        }
        return Value.FuncRef.NULL;
    }

    /** A heap type outside any module: abstract ones only (a type index means nothing here). */
    private HeapType heapType() {
        var t = in.peek();
        var abs = t.kind() == Token.Kind.KEYWORD ? TypeParser.abstractHeapType(t.text()) : null;
        if (abs != null) {
            in.next();
            return abs;
        }
        if (t.kind() == Token.Kind.NAT) {
            in.next();
            return new flint.wasm.model.ConcreteHeapType(IndexSpace.u32(t, in));
        }
        if (t.kind() == Token.Kind.ID) throw in.error(t, "unknown type", t.text());
        throw in.unexpected(t, "a heap type");
    }

    private long nat32() {
        var t = in.expect(Token.Kind.NAT, "a number");
        return Integer.toUnsignedLong(IndexSpace.u32(t, in));
    }

    private Expected expected() {
        in.expectLParen();
        var kw = in.expect(Token.Kind.KEYWORD, "a result");
        Expected e = switch (kw.text()) {
            case "i32.const" -> new Expected.Exact(new Value.I32((int) LiteralReader.integer(in, 32)));
            case "i64.const" -> new Expected.Exact(new Value.I64(LiteralReader.integer(in, 64)));
            case "f32.const" -> {
                var nan = nanKind();
                yield nan != null ? new Expected.Nan(NumType.F32, nan) : new Expected.Exact(new Value.F32(LiteralReader.f32(in)));
            }
            case "f64.const" -> {
                var nan = nanKind();
                yield nan != null ? new Expected.Nan(NumType.F64, nan) : new Expected.Exact(new Value.F64(LiteralReader.f64(in)));
            }
            case "v128.const" -> vectorPattern();
            case "ref.null" -> in.at(Token.Kind.RPAREN)
                    ? new Expected.RefNull(Optional.empty()) : new Expected.RefNull(Optional.of(heapType()));
            case "ref.extern" -> in.at(Token.Kind.NAT) ? new Expected.RefExtern(nat32()) : new Expected.RefOf(AbsHeapType.EXTERN);
            case "ref.host" -> new Expected.RefHost(nat32());
            case "ref" -> new Expected.RefOf(AbsHeapType.ANY);
            case "ref.func" -> new Expected.RefOf(AbsHeapType.FUNC);
            case "ref.exn" -> new Expected.RefOf(AbsHeapType.EXN);
            case "ref.eq" -> new Expected.RefOf(AbsHeapType.EQ);
            case "ref.i31" -> new Expected.RefOf(AbsHeapType.I31);
            case "ref.struct" -> new Expected.RefOf(AbsHeapType.STRUCT);
            case "ref.array" -> new Expected.RefOf(AbsHeapType.ARRAY);
            case "ref.any" -> new Expected.RefOf(AbsHeapType.ANY);
            case "either" -> {
                var alternatives = new ArrayList<Expected>();
                while (in.at(Token.Kind.LPAREN)) alternatives.add(expected());
                if (alternatives.isEmpty()) throw in.unexpected(in.peek(), "a result");
                yield new Expected.Either(alternatives);
            }
            default -> throw in.unexpected(kw, "a result");
        };
        in.expectRParen();
        return e;
    }

    private Expected.NanKind nanKind() {
        var t = in.peek();
        if (t.isKeyword("nan:canonical")) {
            in.next();
            return Expected.NanKind.CANONICAL;
        }
        if (t.isKeyword("nan:arithmetic")) {
            in.next();
            return Expected.NanKind.ARITHMETIC;
        }
        return null;
    }

    /** {@code v128.const shape lane*} where float lanes may be NaN patterns. */
    private Expected vectorPattern() {
        var start = in.peek();
        var shape = VectorLiterals.shape(in);
        var lanes = new ArrayList<Expected.Lane>();
        boolean patterns = false;
        while (true) {
            var t = in.peek();
            if (t.isNumber()) {
                in.next();
                lanes.add(new Expected.Lane.Bits(VectorLiterals.laneBits(in, shape, t)));
            } else if (t.isKeyword("nan:canonical") || t.isKeyword("nan:arithmetic")) {
                if (!shape.isFloat()) throw in.error(t, "invalid vector constant", "NaN pattern in an integer lane");
                lanes.add(new Expected.Lane.NanLane(nanKind()));
                patterns = true;
            } else {
                break;
            }
        }
        if (lanes.size() != shape.lanes()) {
            throw in.error(start, "wrong number of lane literals", lanes.size() + " for " + shape.text());
        }
        if (patterns) return new Expected.VectorPattern(shape, lanes);
        var bytes = new byte[16];
        for (int i = 0; i < lanes.size(); i++) {
            VectorLiterals.putLane(bytes, shape, i, ((Expected.Lane.Bits) lanes.get(i)).bits());
        }
        return new Expected.Exact(new Value.V128(VectorLiterals.low(bytes), VectorLiterals.high(bytes)));
    }

}

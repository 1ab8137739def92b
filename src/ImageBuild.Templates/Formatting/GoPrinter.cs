using System.Runtime.CompilerServices;
using System.Text;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Formatting;

/// <summary>
/// Go's fmt printer (print.go) over <see cref="GoValue"/>s: Sprint, Sprintln and Sprintf with every verb, flag,
/// width, precision and argument index, and Go's texts for mistakes (<c>%!d(string=x)</c>, <c>%!(EXTRA ...)</c>,
/// <c>%!d(MISSING)</c>). A null argument is Go's untyped nil.
/// </summary>
public sealed partial class GoPrinter
{
    private const string NilAngle = "<nil>";
    private const string NilParen = "(nil)";

    private readonly StringBuilder buffer = new();
    private readonly FormatState fmt;

    // What badVerb describes: the argument as given, or the value reached while walking it.
    private GoValue? arg;
    private GoValue? value;
    private bool erroring;
    private bool reordered;
    private bool goodArgNum;

    private GoPrinter()
    {
        fmt = new FormatState(buffer);
    }

    /// <summary>fmt.Sprint: operands in %v, a space between two operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<GoValue?> operands)
    {
        var printer = new GoPrinter();
        var previousString = false;
        for (var i = 0; i < operands.Count; i++)
        {
            var operand = Unwrap(operands[i]);
            var isString = operand is not null && operand.Kind == GoKind.String;
            if (i > 0 && !isString && !previousString)
            {
                printer.buffer.Append(' ');
            }

            printer.PrintArg(operand, 'v');
            previousString = isString;
        }

        return printer.buffer.ToString();
    }

    /// <summary>fmt.Sprintln: operands in %v separated by spaces, then a newline.</summary>
    public static string Sprintln(IReadOnlyList<GoValue?> operands)
    {
        var printer = new GoPrinter();
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                printer.buffer.Append(' ');
            }

            printer.PrintArg(Unwrap(operands[i]), 'v');
        }

        return printer.buffer.Append('\n').ToString();
    }

    /// <summary>fmt.Sprintf.</summary>
    public static string Sprintf(string format, IReadOnlyList<GoValue?> operands)
    {
        var printer = new GoPrinter();
        printer.DoPrintf(format, operands.Select(Unwrap).ToList());
        return printer.buffer.ToString();
    }

    /// <summary>A value passed as an interface{} argument: Go hands fmt what is inside an interface.</summary>
    private static GoValue? Unwrap(GoValue? operand) => operand is GoInterface iface ? iface.Dynamic : operand;

    private void PrintArg(GoValue? argument, char verb)
    {
        arg = argument;
        value = null;
        if (argument is null)
        {
            if (verb is 'T' or 'v')
            {
                fmt.Pad(NilAngle);
            }
            else
            {
                BadVerb(verb);
            }

            return;
        }

        switch (verb)
        {
            case 'T':
                fmt.FormatString(argument.Type.ToString());
                return;
            case 'p':
                FormatPointer(argument, 'p');
                return;
        }

        if (!HandleMethods(verb))
        {
            PrintValue(argument, verb, 0);
        }
    }

    /// <summary>A GoString for %#v, else a String for the verbs that take text.</summary>
    private bool HandleMethods(char verb)
    {
        if (erroring || arg is null)
        {
            return false;
        }

        if (fmt.SharpV)
        {
            if (arg.Type.GoStringer is { } goStringer)
            {
                fmt.FormatString(goStringer(arg));
                return true;
            }

            return false;
        }

        if (verb is 'v' or 's' or 'x' or 'X' or 'q' && Stringer(arg) is { } stringer)
        {
            FormatString(stringer(arg), verb);
            return true;
        }

        return false;
    }

    /// <summary>A value's String method; a pointer has the methods of what it points to, but a nil one does not call them.</summary>
    private static Func<GoValue, string>? Stringer(GoValue value) => value switch
    {
        GoPointer { Target: { } target } when target.Type.Stringer is { } inner => _ => inner(target),
        _ => value.Type.Stringer,
    };

    private void PrintValue(GoValue? current, char verb, int depth)
    {
        if (depth > 0 && current is not null)
        {
            arg = current;
            if (HandleMethods(verb))
            {
                return;
            }
        }

        arg = null;
        value = current;
        switch (current)
        {
            case null:
                if (depth == 0)
                {
                    buffer.Append("<invalid reflect.Value>");
                }
                else if (verb == 'v')
                {
                    buffer.Append(NilAngle);
                }
                else
                {
                    BadVerb(verb);
                }

                break;
            case GoBool b:
                FormatBool(b.Value, verb);
                break;
            case GoInt i:
                FormatInteger((ulong)i.Value, isSigned: true, verb);
                break;
            case GoUint u:
                FormatInteger(u.Value, isSigned: false, verb);
                break;
            case GoFloat f:
                FormatFloat(f.Value, verb);
                break;
            case GoComplex c:
                FormatComplex(c.Value, verb);
                break;
            case GoString s:
                FormatString(s.Value, verb);
                break;
            case GoMap map:
                PrintMap(map, verb, depth);
                break;
            case GoStruct structure:
                PrintStruct(structure, verb, depth);
                break;
            case GoTime time:
                // A time.Time met without its methods (at depth 0 by printValue): fmt prints its fields, which are unexported.
                FormatString(time.ToGoString(), verb);
                break;
            case GoInterface iface:
                if (iface.Dynamic is null)
                {
                    buffer.Append(fmt.SharpV ? iface.Type + NilParen : NilAngle);
                }
                else
                {
                    PrintValue(iface.Dynamic, verb, depth + 1);
                }

                break;
            case GoSlice slice:
                PrintSlice(slice, verb, depth);
                break;
            case GoPointer pointer:
                if (depth == 0 && pointer.Target is { Kind: GoKind.Slice or GoKind.Struct or GoKind.Map } target)
                {
                    buffer.Append('&');
                    PrintValue(target, verb, depth + 1);
                    return;
                }

                FormatPointer(pointer, verb);
                break;
            default:
                buffer.Append('?').Append(current.Type).Append('?');
                break;
        }
    }

    private void PrintMap(GoMap map, char verb, int depth)
    {
        if (fmt.SharpV)
        {
            buffer.Append(map.Type);
            if (map.IsNil)
            {
                buffer.Append(NilParen);
                return;
            }

            buffer.Append('{');
        }
        else
        {
            buffer.Append("map[");
        }

        var first = true;
        foreach (var (key, item) in GoValues.SortedEntries(map))
        {
            if (!first)
            {
                buffer.Append(fmt.SharpV ? ", " : " ");
            }

            first = false;
            PrintValue(key, verb, depth + 1);
            buffer.Append(':');
            PrintValue(item, verb, depth + 1);
        }

        buffer.Append(fmt.SharpV ? '}' : ']');
    }

    private void PrintStruct(GoStruct structure, char verb, int depth)
    {
        if (fmt.SharpV)
        {
            buffer.Append(structure.Type);
        }

        buffer.Append('{');
        for (var i = 0; i < structure.Fields.Count; i++)
        {
            if (i > 0)
            {
                buffer.Append(fmt.SharpV ? ", " : " ");
            }

            if (fmt.PlusV || fmt.SharpV)
            {
                buffer.Append(structure.Type.Fields[i].Name).Append(':');
            }

            PrintValue(structure.Fields[i], verb, depth + 1);
        }

        buffer.Append('}');
    }

    private void PrintSlice(GoSlice slice, char verb, int depth)
    {
        if (fmt.SharpV)
        {
            buffer.Append(slice.Type);
            if (slice.IsNil)
            {
                buffer.Append(NilParen);
                return;
            }

            buffer.Append('{');
            for (var i = 0; i < slice.Count; i++)
            {
                if (i > 0)
                {
                    buffer.Append(", ");
                }

                PrintValue(slice.Items![i], verb, depth + 1);
            }

            buffer.Append('}');
            return;
        }

        buffer.Append('[');
        for (var i = 0; i < slice.Count; i++)
        {
            if (i > 0)
            {
                buffer.Append(' ');
            }

            PrintValue(slice.Items![i], verb, depth + 1);
        }

        buffer.Append(']');
    }

    private void FormatPointer(GoValue pointer, char verb)
    {
        ulong address;
        switch (pointer)
        {
            case GoPointer p:
                address = p.Target is null ? 0 : FakeAddress(p.Target);
                break;
            case GoMap m:
                address = m.IsNil ? 0 : FakeAddress(m);
                break;
            case GoSlice s:
                address = s.IsNil ? 0 : FakeAddress(s);
                break;
            default:
                BadVerb(verb);
                return;
        }

        switch (verb)
        {
            case 'v':
                if (fmt.SharpV)
                {
                    buffer.Append('(').Append(pointer.Type).Append(")(");
                    if (address == 0)
                    {
                        buffer.Append("nil");
                    }
                    else
                    {
                        Format0x64(address, leading0x: true);
                    }

                    buffer.Append(')');
                }
                else if (address == 0)
                {
                    fmt.Pad(NilAngle);
                }
                else
                {
                    Format0x64(address, !fmt.Sharp);
                }

                break;
            case 'p':
                Format0x64(address, !fmt.Sharp);
                break;
            case 'b' or 'o' or 'd' or 'x' or 'X':
                FormatInteger(address, isSigned: false, verb);
                break;
            default:
                BadVerb(verb);
                break;
        }
    }

    /// <summary>Go prints a pointer's memory address; there is none here, so one in Go's heap range stands in.</summary>
    private static ulong FakeAddress(object target) => 0xc000000000UL + ((ulong)(uint)RuntimeHelpers.GetHashCode(target) << 4);

    private void Format0x64(ulong number, bool leading0x)
    {
        var sharp = fmt.Sharp;
        fmt.Sharp = leading0x;
        fmt.FormatInteger(number, 16, isSigned: false, 'v', FormatState.LowerDigits);
        fmt.Sharp = sharp;
    }

    private void BadVerb(char verb)
    {
        erroring = true;
        buffer.Append("%!").Append(verb).Append('(');
        if (arg is not null)
        {
            buffer.Append(arg.Type).Append('=');
            PrintArg(arg, 'v');
        }
        else if (value is not null)
        {
            buffer.Append(value.Type).Append('=');
            PrintValue(value, 'v', 0);
        }
        else
        {
            buffer.Append(NilAngle);
        }

        buffer.Append(')');
        erroring = false;
    }
}

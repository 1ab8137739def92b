using System.Globalization;
using System.Text;
using ImageBuild.Templates.Formatting;
using ImageBuild.Templates.Text;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Execution;

/// <summary>Go's predefined template functions (funcs.go), with Go's argument rules and error texts.</summary>
internal static partial class Builtins
{
    private static readonly GoType R = TemplateFunction.Reflect;
    private static readonly GoType Any = TemplateFunction.Any;

    public static IReadOnlyDictionary<string, TemplateFunction> All { get; } = new Dictionary<string, TemplateFunction>(StringComparer.Ordinal)
    {
        ["and"] = new("and", [R, R], a => a[^1], variadic: true),
        ["or"] = new("or", [R, R], a => a[^1], variadic: true),
        ["call"] = new("call", [R, R], _ => null, variadic: true),
        ["html"] = new("html", [Any], a => GoValue.Of(HtmlEscape(EvalArgs(a))), variadic: true),
        ["index"] = new("index", [R, R], a => Index(a[0], a.Skip(1).ToList()), variadic: true),
        ["slice"] = new("slice", [R, R], a => Slice(a[0], a.Skip(1).ToList()), variadic: true),
        ["js"] = new("js", [Any], a => GoValue.Of(JsEscape(EvalArgs(a))), variadic: true),
        ["len"] = new("len", [R], a => GoValue.Of(Length(a[0]))),
        ["not"] = new("not", [R], a => GoValue.Of(!GoValues.IsTrue(GoValues.IndirectInterface(a[0])).Truth)),
        ["print"] = new("print", [Any], a => GoValue.Of(GoPrinter.Sprint(a)), variadic: true),
        ["printf"] = new("printf", [GoType.String, Any], a => GoValue.Of(GoPrinter.Sprintf(((GoString)a[0]!).Value, a.Skip(1).ToList())), variadic: true),
        ["println"] = new("println", [Any], a => GoValue.Of(GoPrinter.Sprintln(a)), variadic: true),
        ["urlquery"] = new("urlquery", [Any], a => GoValue.Of(QueryEscape(EvalArgs(a))), variadic: true),
        ["eq"] = new("eq", [R, R], a => GoValue.Of(Comparison.Equal(a[0], a.Skip(1).ToList())), variadic: true),
        ["ge"] = new("ge", [R, R], a => GoValue.Of(!Comparison.Less(a[0], a[1]))),
        ["gt"] = new("gt", [R, R], a => GoValue.Of(!Comparison.LessOrEqual(a[0], a[1]))),
        ["le"] = new("le", [R, R], a => GoValue.Of(Comparison.LessOrEqual(a[0], a[1]))),
        ["lt"] = new("lt", [R, R], a => GoValue.Of(Comparison.Less(a[0], a[1]))),
        ["ne"] = new("ne", [R, R], a => GoValue.Of(!Comparison.Equal(a[0], [a[1]]))),
    };

    /// <summary>The call builtin: the data holds no functions, so it can only report what Go reports.</summary>
    public static GoValue? Call(string name, IReadOnlyList<GoValue?> arguments)
    {
        var function = GoValues.IndirectInterface(arguments[0]);
        throw function is null
            ? new TemplateFunctionError("call of nil")
            : new TemplateFunctionError($"non-function {name} of type {function.Type}");
    }

    private static GoValue Index(GoValue? item, IReadOnlyList<GoValue?> indexes)
    {
        item = GoValues.IndirectInterface(item) ?? throw new TemplateFunctionError("index of untyped nil");
        foreach (var raw in indexes)
        {
            var index = GoValues.IndirectInterface(raw);
            var (current, isNil) = GoValues.Indirect(item);
            if (isNil)
            {
                throw new TemplateFunctionError("index of nil pointer");
            }

            switch (current)
            {
                case GoSlice slice:
                    var position = IndexArgument(index, slice.Count);
                    item = position == slice.Count ? throw OutOfRange(position) : slice.Items![position];
                    break;
                case GoString text:
                    var bytes = GoText.ToBytes(text.Value);
                    var at = IndexArgument(index, bytes.Length);
                    item = at == bytes.Length ? throw OutOfRange(at) : new GoUint(GoType.Uint8, bytes[at]);
                    break;
                case GoMap map:
                    var key = PrepareArgument(index, map.Type.Key!);
                    item = map.Lookup(key) ?? GoValue.Zero(map.Type.Elem!);
                    break;
                default:
                    throw new TemplateFunctionError($"can't index item of type {current!.Type}");
            }
        }

        return item;
    }

    private static GoValue Slice(GoValue? item, IReadOnlyList<GoValue?> indexes)
    {
        item = GoValues.IndirectInterface(item) ?? throw new TemplateFunctionError("slice of untyped nil");
        if (indexes.Count > 3)
        {
            throw new TemplateFunctionError(string.Create(CultureInfo.InvariantCulture, $"too many slice indexes: {indexes.Count}"));
        }

        int length;
        switch (item)
        {
            case GoString text:
                if (indexes.Count == 3)
                {
                    throw new TemplateFunctionError("cannot 3-index slice a string");
                }

                length = GoText.ByteLength(text.Value);
                break;
            case GoSlice slice:
                length = slice.Count;
                break;
            default:
                throw new TemplateFunctionError($"can't slice item of type {item.Type}");
        }

        int[] bounds = [0, length, length];
        for (var i = 0; i < indexes.Count; i++)
        {
            bounds[i] = IndexArgument(GoValues.IndirectInterface(indexes[i]), length);
        }

        if (bounds[0] > bounds[1])
        {
            throw new TemplateFunctionError(string.Create(CultureInfo.InvariantCulture, $"invalid slice index: {bounds[0]} > {bounds[1]}"));
        }

        if (indexes.Count == 3 && bounds[1] > bounds[2])
        {
            throw new TemplateFunctionError(string.Create(CultureInfo.InvariantCulture, $"invalid slice index: {bounds[1]} > {bounds[2]}"));
        }

        return item is GoString s
            ? new GoString(s.Type, GoText.FromBytes(GoText.ToBytes(s.Value).AsSpan(bounds[0], bounds[1] - bounds[0])))
            : new GoSlice(item.Type, ((GoSlice)item).Items!.Skip(bounds[0]).Take(bounds[1] - bounds[0]).ToList());
    }

    private static int IndexArgument(GoValue? index, int capacity)
    {
        long position = index switch
        {
            GoInt i => i.Value,
            GoUint u => (long)u.Value,
            null => throw new TemplateFunctionError("cannot index slice/array with nil"),
            _ => throw new TemplateFunctionError($"cannot index slice/array with type {index.Type}"),
        };
        return position < 0 || position > capacity ? throw OutOfRange(position) : (int)position;
    }

    private static TemplateFunctionError OutOfRange(long position) =>
        new(string.Create(CultureInfo.InvariantCulture, $"index out of range: {position}"));

    /// <summary>Go's prepareArg: a map key converted to the key type (integers between integer types).</summary>
    private static GoValue PrepareArgument(GoValue? value, GoType type)
    {
        if (value is null)
        {
            return type.Kind.CanBeNil() ? GoValue.Zero(type) : throw new TemplateFunctionError($"value is nil; should be of type {type}");
        }

        if (value.Type.AssignableTo(type))
        {
            return value;
        }

        if (value.Kind.IsInteger() && type.Kind.IsInteger())
        {
            var number = value is GoInt i ? i.Value : (long)((GoUint)value).Value;
            return type.Kind.IsSignedInteger() ? new GoInt(type, number) : new GoUint(type, (ulong)number);
        }

        throw new TemplateFunctionError($"value has type {value.Type}; should be {type}");
    }

    private static long Length(GoValue? item)
    {
        var (value, isNil) = GoValues.Indirect(item);
        if (isNil)
        {
            throw new TemplateFunctionError("len of nil pointer");
        }

        if (value is null)
        {
            throw new TemplateFunctionError("reflect: call of reflect.Value.Type on zero Value");
        }

        return GoValues.Length(value) ?? throw new TemplateFunctionError($"len of type {value.Type}");
    }

    /// <summary>The text of html, js and urlquery's arguments: one string as it is, else fmt.Sprint of them all.</summary>
    private static string EvalArgs(IReadOnlyList<GoValue?> arguments)
    {
        if (arguments.Count == 1 && GoValues.IndirectInterface(arguments[0]) is GoString { Type.Name: "string" } only)
        {
            return only.Value;
        }

        return GoPrinter.Sprint(arguments.Select(a => GoValues.IndirectInterface(a) is GoPointer p ? GoValues.Indirect(p).Value : a).ToList());
    }

    private static string HtmlEscape(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            output.Append(c switch
            {
                '\0' => "\uFFFD",
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return output.ToString();
    }

    private static string QueryEscape(string text)
    {
        var output = new StringBuilder();
        foreach (var b in GoText.ToBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                output.Append((char)b);
            }
            else if (b == ' ')
            {
                output.Append('+');
            }
            else
            {
                output.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return output.ToString();
    }
}

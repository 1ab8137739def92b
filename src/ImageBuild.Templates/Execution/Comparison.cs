using ImageBuild.Templates.Formatting;
using ImageBuild.Templates.Text;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Execution;

/// <summary>Go's eq, lt and le: basic values of one kind compare (integers across signedness); others are errors.</summary>
internal static class Comparison
{
    private enum Kind
    {
        Invalid,
        Bool,
        Complex,
        Int,
        Float,
        String,
        Uint,
    }

    public static bool Equal(GoValue? first, IReadOnlyList<GoValue?> others)
    {
        first = GoValues.IndirectInterface(first);
        if (others.Count == 0)
        {
            throw new TemplateFunctionError("missing argument for comparison");
        }

        var k1 = KindOf(first);
        foreach (var raw in others)
        {
            var other = GoValues.IndirectInterface(raw);
            var k2 = KindOf(other);
            bool truth;
            if (k1 != k2)
            {
                if (k1 == Kind.Int && k2 == Kind.Uint)
                {
                    truth = Int(first) >= 0 && (ulong)Int(first) == Uint(other);
                }
                else if (k1 == Kind.Uint && k2 == Kind.Int)
                {
                    truth = Int(other) >= 0 && Uint(first) == (ulong)Int(other);
                }
                else if (first is not null && other is not null)
                {
                    throw new TemplateFunctionError("incompatible types for comparison");
                }
                else
                {
                    truth = false;
                }
            }
            else
            {
                truth = k1 switch
                {
                    Kind.Bool => ((GoBool)first!).Value == ((GoBool)other!).Value,
                    Kind.Complex => ((GoComplex)first!).Value == ((GoComplex)other!).Value,
                    Kind.Float => ((GoFloat)first!).Value == ((GoFloat)other!).Value,
                    Kind.Int => Int(first) == Int(other),
                    Kind.String => ((GoString)first!).Value == ((GoString)other!).Value,
                    Kind.Uint => Uint(first) == Uint(other),
                    _ => EqualOther(first, other),
                };
            }

            if (truth)
            {
                return true;
            }
        }

        return false;
    }

    public static bool Less(GoValue? left, GoValue? right)
    {
        left = GoValues.IndirectInterface(left);
        right = GoValues.IndirectInterface(right);
        var k1 = KindOf(left);
        var k2 = KindOf(right);
        if (k1 == Kind.Invalid || k2 == Kind.Invalid)
        {
            throw new TemplateFunctionError("invalid type for comparison");
        }

        if (k1 != k2)
        {
            return (k1, k2) switch
            {
                (Kind.Int, Kind.Uint) => Int(left) < 0 || (ulong)Int(left) < Uint(right),
                (Kind.Uint, Kind.Int) => Int(right) >= 0 && Uint(left) < (ulong)Int(right),
                _ => throw new TemplateFunctionError("incompatible types for comparison"),
            };
        }

        return k1 switch
        {
            Kind.Bool or Kind.Complex => throw new TemplateFunctionError("invalid type for comparison"),
            Kind.Float => ((GoFloat)left!).Value < ((GoFloat)right!).Value,
            Kind.Int => Int(left) < Int(right),
            Kind.String => GoText.Compare(((GoString)left!).Value, ((GoString)right!).Value) < 0,
            _ => Uint(left) < Uint(right),
        };
    }

    public static bool LessOrEqual(GoValue? left, GoValue? right) => Less(left, right) || Equal(left, [right]);

    /// <summary>Values that are not basic: equal only when both are nil (or, for structs, identical).</summary>
    private static bool EqualOther(GoValue? first, GoValue? other)
    {
        if (first is not null && other is not null && first.Kind != other.Kind)
        {
            throw new TemplateFunctionError(
                $"non-comparable types {GoPrinter.Sprint([first])}: {first.Type}, {other.Type}: {GoPrinter.Sprint([other])}");
        }

        if (GoValues.IsNil(first) || GoValues.IsNil(other))
        {
            return GoValues.IsNil(first) == GoValues.IsNil(other);
        }

        if (other is GoSlice or GoMap)
        {
            throw new TemplateFunctionError($"non-comparable type {GoPrinter.Sprint([other])}: {other!.Type}");
        }

        return ReferenceEquals(first, other) || (first is GoPointer a && other is GoPointer b && ReferenceEquals(a.Target, b.Target));
    }

    private static Kind KindOf(GoValue? value) => value?.Kind switch
    {
        GoKind.Bool => Kind.Bool,
        GoKind.Complex64 or GoKind.Complex128 => Kind.Complex,
        GoKind.Float32 or GoKind.Float64 => Kind.Float,
        GoKind.String => Kind.String,
        { } k when k.IsSignedInteger() => Kind.Int,
        { } k when k.IsUnsignedInteger() => Kind.Uint,
        _ => Kind.Invalid,
    };

    private static long Int(GoValue? value) => ((GoInt)value!).Value;

    private static ulong Uint(GoValue? value) => ((GoUint)value!).Value;
}

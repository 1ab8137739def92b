using System.Numerics;
using ImageBuild.Templates.Formatting;

namespace ImageBuild.Templates.Parsing;

/// <summary>Go's parse.newNumber: every type a numeric, character or complex constant can be read as.</summary>
internal static class NumberLiteral
{
    /// <exception cref="TemplateParseFailure">The text is not a number Go accepts.</exception>
    public static NumberNode Parse(int position, string text, ItemType type)
    {
        var node = new NumberNode(position, text);
        switch (type)
        {
            case ItemType.CharConstant:
                var i = 1;
                if (!GoStrconv.TryUnquoteChar(text, ref i, '\'', out var rune, out _))
                {
                    throw new TemplateParseFailure("invalid syntax");
                }

                if (text[i..] != "'")
                {
                    throw new TemplateParseFailure($"malformed character constant: {text}");
                }

                node.Int64 = rune;
                node.IsInt = true;
                node.Uint64 = (ulong)rune;
                node.IsUint = true;
                node.Float64 = rune;
                node.IsFloat = true;
                return node;
            case ItemType.Complex:
                if (!GoStrconv.TryParseComplex(text, out var complex))
                {
                    throw new TemplateParseFailure($"expected integer");
                }

                node.IsComplex = true;
                node.Complex128 = complex;
                Simplify(node);
                return node;
        }

        if (text.Length > 0 && text[^1] == 'i' && GoStrconv.TryParseFloat(text[..^1], out var imaginary))
        {
            node.IsComplex = true;
            node.Complex128 = new Complex(0, imaginary);
            Simplify(node);
            return node;
        }

        if (GoStrconv.TryParseUint(text, out var unsigned))
        {
            node.IsUint = true;
            node.Uint64 = unsigned;
        }

        if (GoStrconv.TryParseInt(text, out var signed))
        {
            node.IsInt = true;
            node.Int64 = signed;
            if (signed == 0)
            {
                node.IsUint = true;
                node.Uint64 = 0;
            }
        }

        if (node.IsInt)
        {
            node.IsFloat = true;
            node.Float64 = node.Int64;
        }
        else if (node.IsUint)
        {
            node.IsFloat = true;
            node.Float64 = node.Uint64;
        }
        else if (GoStrconv.TryParseFloat(text, out var real))
        {
            if (text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) < 0)
            {
                throw new TemplateParseFailure($"integer overflow: {text}");
            }

            node.IsFloat = true;
            node.Float64 = real;
            if (real == Math.Truncate(real) && real is >= long.MinValue and < 9.2233720368547758e18)
            {
                node.IsInt = true;
                node.Int64 = (long)real;
            }

            if (real == Math.Truncate(real) && real is >= 0 and < 1.8446744073709552e19)
            {
                node.IsUint = true;
                node.Uint64 = (ulong)real;
            }
        }

        if (!node.IsInt && !node.IsUint && !node.IsFloat)
        {
            throw new TemplateParseFailure($"illegal number syntax: {GoQuote.Quote(text)}");
        }

        return node;
    }

    private static void Simplify(NumberNode node)
    {
        node.IsFloat = node.Complex128.Imaginary == 0;
        if (!node.IsFloat)
        {
            return;
        }

        var real = node.Complex128.Real;
        node.Float64 = real;
        node.IsInt = real == Math.Truncate(real) && real is >= long.MinValue and < 9.2233720368547758e18;
        if (node.IsInt)
        {
            node.Int64 = (long)real;
        }

        node.IsUint = real == Math.Truncate(real) && real is >= 0 and < 1.8446744073709552e19;
        if (node.IsUint)
        {
            node.Uint64 = (ulong)real;
        }
    }
}

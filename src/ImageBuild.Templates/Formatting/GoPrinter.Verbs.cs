using System.Numerics;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Formatting;

/// <summary>The verbs of each basic kind, and Printf's format parsing.</summary>
public sealed partial class GoPrinter
{
    private void FormatBool(bool flag, char verb)
    {
        if (verb is 't' or 'v')
        {
            fmt.FormatBoolean(flag);
        }
        else
        {
            BadVerb(verb);
        }
    }

    private void FormatInteger(ulong number, bool isSigned, char verb)
    {
        switch (verb)
        {
            case 'v':
                if (fmt.SharpV && !isSigned)
                {
                    Format0x64(number, leading0x: true);
                }
                else
                {
                    fmt.FormatInteger(number, 10, isSigned, verb, FormatState.LowerDigits);
                }

                break;
            case 'd':
                fmt.FormatInteger(number, 10, isSigned, verb, FormatState.LowerDigits);
                break;
            case 'b':
                fmt.FormatInteger(number, 2, isSigned, verb, FormatState.LowerDigits);
                break;
            case 'o' or 'O':
                fmt.FormatInteger(number, 8, isSigned, verb, FormatState.LowerDigits);
                break;
            case 'x':
                fmt.FormatInteger(number, 16, isSigned, verb, FormatState.LowerDigits);
                break;
            case 'X':
                fmt.FormatInteger(number, 16, isSigned, verb, FormatState.UpperDigits);
                break;
            case 'c':
                fmt.FormatCharacter(number);
                break;
            case 'q':
                fmt.FormatQuotedCharacter(number);
                break;
            case 'U':
                fmt.FormatUnicode(number);
                break;
            default:
                BadVerb(verb);
                break;
        }
    }

    private void FormatFloat(double number, char verb)
    {
        switch (verb)
        {
            case 'v':
                fmt.FormatFloat(number, 'g', -1);
                break;
            case 'b' or 'g' or 'G' or 'x' or 'X':
                fmt.FormatFloat(number, verb, -1);
                break;
            case 'f' or 'e' or 'E' or 'F':
                fmt.FormatFloat(number, verb, 6);
                break;
            default:
                BadVerb(verb);
                break;
        }
    }

    private void FormatComplex(Complex number, char verb)
    {
        if (verb is not ('v' or 'b' or 'g' or 'G' or 'x' or 'X' or 'f' or 'F' or 'e' or 'E'))
        {
            BadVerb(verb);
            return;
        }

        var plus = fmt.Plus;
        buffer.Append('(');
        FormatFloat(number.Real, verb);
        fmt.Plus = true;
        FormatFloat(number.Imaginary, verb);
        buffer.Append("i)");
        fmt.Plus = plus;
    }

    private void FormatString(string text, char verb)
    {
        switch (verb)
        {
            case 'v':
                if (fmt.SharpV)
                {
                    fmt.FormatQuoted(text);
                }
                else
                {
                    fmt.FormatString(text);
                }

                break;
            case 's':
                fmt.FormatString(text);
                break;
            case 'x':
                fmt.FormatStringHex(text, FormatState.LowerDigits);
                break;
            case 'X':
                fmt.FormatStringHex(text, FormatState.UpperDigits);
                break;
            case 'q':
                fmt.FormatQuoted(text);
                break;
            default:
                BadVerb(verb);
                break;
        }
    }

    private void DoPrintf(string format, IReadOnlyList<GoValue?> operands)
    {
        var end = format.Length;
        var argNum = 0;
        var afterIndex = false;
        reordered = false;
        var i = 0;
        while (i < end)
        {
            goodArgNum = true;
            var last = i;
            while (i < end && format[i] != '%')
            {
                i++;
            }

            if (i > last)
            {
                buffer.Append(format, last, i - last);
            }

            if (i >= end)
            {
                break;
            }

            i++;
            fmt.Clear();
            var simple = false;
            for (; i < end; i++)
            {
                var c = format[i];
                if (c == '#')
                {
                    fmt.Sharp = true;
                }
                else if (c == '0')
                {
                    fmt.Zero = true;
                }
                else if (c == '+')
                {
                    fmt.Plus = true;
                }
                else if (c == '-')
                {
                    fmt.Minus = true;
                }
                else if (c == ' ')
                {
                    fmt.Space = true;
                }
                else
                {
                    if (c is >= 'a' and <= 'z' && argNum < operands.Count)
                    {
                        if (c == 'v')
                        {
                            SetV();
                        }

                        PrintArg(operands[argNum], c);
                        argNum++;
                        i++;
                        simple = true;
                    }

                    break;
                }
            }

            if (simple)
            {
                continue;
            }

            (argNum, i, afterIndex) = ArgNumber(argNum, format, i, operands.Count);
            if (i < end && format[i] == '*')
            {
                i++;
                (var width, var present, argNum) = IntFromArg(operands, argNum);
                fmt.Width = width;
                fmt.WidthPresent = present;
                if (!present)
                {
                    buffer.Append("%!(BADWIDTH)");
                }

                if (fmt.Width < 0)
                {
                    fmt.Width = -fmt.Width;
                    fmt.Minus = true;
                    fmt.Zero = false;
                }

                afterIndex = false;
            }
            else
            {
                (var width, var present, i) = ParseNumber(format, i, end);
                fmt.Width = width;
                fmt.WidthPresent = present;
                if (afterIndex && present)
                {
                    goodArgNum = false;
                }
            }

            if (i + 1 < end && format[i] == '.')
            {
                i++;
                if (afterIndex)
                {
                    goodArgNum = false;
                }

                (argNum, i, afterIndex) = ArgNumber(argNum, format, i, operands.Count);
                if (i < end && format[i] == '*')
                {
                    i++;
                    (var precision, var present, argNum) = IntFromArg(operands, argNum);
                    fmt.Precision = precision;
                    fmt.PrecisionPresent = present;
                    if (fmt.Precision < 0)
                    {
                        fmt.Precision = 0;
                        fmt.PrecisionPresent = false;
                    }

                    if (!present)
                    {
                        buffer.Append("%!(BADPREC)");
                    }

                    afterIndex = false;
                }
                else
                {
                    (var precision, var present, i) = ParseNumber(format, i, end);
                    fmt.Precision = present ? precision : 0;
                    fmt.PrecisionPresent = true;
                }
            }

            if (!afterIndex)
            {
                (argNum, i, afterIndex) = ArgNumber(argNum, format, i, operands.Count);
            }

            if (i >= end)
            {
                buffer.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i];
            var verbText = char.IsHighSurrogate(verb) && i + 1 < end ? format.Substring(i, 2) : verb.ToString();
            i += verbText.Length;
            if (verb == '%')
            {
                buffer.Append('%');
            }
            else if (!goodArgNum)
            {
                buffer.Append("%!").Append(verbText).Append("(BADINDEX)");
            }
            else if (argNum >= operands.Count)
            {
                buffer.Append("%!").Append(verbText).Append("(MISSING)");
            }
            else
            {
                if (verb == 'v')
                {
                    SetV();
                }

                PrintArg(operands[argNum], verb);
                argNum++;
            }
        }

        if (!reordered && argNum < operands.Count)
        {
            fmt.Clear();
            buffer.Append("%!(EXTRA ");
            for (var k = argNum; k < operands.Count; k++)
            {
                if (k > argNum)
                {
                    buffer.Append(", ");
                }

                if (operands[k] is null)
                {
                    buffer.Append(NilAngle);
                }
                else
                {
                    buffer.Append(operands[k]!.Type).Append('=');
                    PrintArg(operands[k], 'v');
                }
            }

            buffer.Append(')');
        }
    }

    /// <summary>%v takes '#' as Go syntax and '+' as field names rather than as number flags.</summary>
    private void SetV()
    {
        fmt.SharpV = fmt.Sharp;
        fmt.Sharp = false;
        fmt.PlusV = fmt.Plus;
        fmt.Plus = false;
    }

    private static (int Number, bool IsNumber, int Next) ParseNumber(string format, int start, int end)
    {
        if (start >= end)
        {
            return (0, false, end);
        }

        var number = 0;
        var isNumber = false;
        var i = start;
        for (; i < end && char.IsAsciiDigit(format[i]); i++)
        {
            if (number > 1_000_000)
            {
                return (0, false, end);
            }

            number = (number * 10) + (format[i] - '0');
            isNumber = true;
        }

        return (number, isNumber, i);
    }

    private (int ArgNum, int Next, bool Found) ArgNumber(int argNum, string format, int i, int count)
    {
        if (format.Length <= i || format[i] != '[')
        {
            return (argNum, i, false);
        }

        reordered = true;
        var (index, width, ok) = ParseArgNumber(format, i);
        if (ok && index >= 0 && index < count)
        {
            return (index, i + width, true);
        }

        goodArgNum = false;
        return (argNum, i + width, ok);
    }

    private static (int Index, int Width, bool Ok) ParseArgNumber(string format, int start)
    {
        if (format.Length - start < 3)
        {
            return (0, 1, false);
        }

        for (var i = start + 1; i < format.Length; i++)
        {
            if (format[i] == ']')
            {
                var (number, ok, next) = ParseNumber(format, start + 1, i);
                if (!ok || next != i)
                {
                    return (0, i - start + 1, false);
                }

                return (number - 1, i - start + 1, true);
            }
        }

        return (0, 1, false);
    }

    private static (int Number, bool IsInt, int ArgNum) IntFromArg(IReadOnlyList<GoValue?> operands, int argNum)
    {
        if (argNum >= operands.Count)
        {
            return (0, false, argNum);
        }

        var (number, isInt) = operands[argNum] switch
        {
            GoInt i when i.Value is >= int.MinValue and <= int.MaxValue => ((int)i.Value, true),
            GoUint u when u.Value <= int.MaxValue => ((int)u.Value, true),
            _ => (0, false),
        };
        if (number is > 1_000_000 or < -1_000_000)
        {
            return (0, false, argNum + 1);
        }

        return (number, isInt, argNum + 1);
    }
}

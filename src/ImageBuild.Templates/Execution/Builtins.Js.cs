using System.Text;
using ImageBuild.Templates.Formatting;
using ImageBuild.Templates.Text;

namespace ImageBuild.Templates.Execution;

/// <summary>Go's JSEscapeString.</summary>
internal static partial class Builtins
{
    private const string UpperHex = "0123456789ABCDEF";

    private static string JsEscape(string text)
    {
        var output = new StringBuilder(text.Length);
        var bytes = GoText.ToBytes(text);
        var i = 0;
        while (i < bytes.Length)
        {
            var c = bytes[i];
            if (c < 0x80)
            {
                switch ((char)c)
                {
                    case '\\': output.Append(@"\\"); break;
                    case '\'': output.Append(@"\'"); break;
                    case '"': output.Append("\\\""); break;
                    case '<': output.Append(@"\u003C"); break;
                    case '>': output.Append(@"\u003E"); break;
                    case '&': output.Append(@"\u0026"); break;
                    case '=': output.Append(@"\u003D"); break;
                    default:
                        if (c < ' ')
                        {
                            output.Append(@"\u00").Append(UpperHex[c >> 4]).Append(UpperHex[c & 0xF]);
                        }
                        else
                        {
                            output.Append((char)c);
                        }

                        break;
                }

                i++;
                continue;
            }

            var (rune, width) = GoText.DecodeRune(bytes.AsSpan(i));
            if (rune >= 0 && GoQuote.IsPrint(rune))
            {
                output.Append(char.ConvertFromUtf32(rune));
            }
            else
            {
                output.Append(@"\u").Append((rune < 0 ? 0xFFFD : rune).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += width;
        }

        return output.ToString();
    }
}

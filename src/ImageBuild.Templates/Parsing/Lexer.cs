using System.Globalization;
using System.Text;
using ImageBuild.Templates.Text;

namespace ImageBuild.Templates.Parsing;

/// <summary>
/// Go's text/template lexer (lex.go), run on demand by the parser: "{{- " and " -}}" trim the text beside them,
/// "{{/* */}}" is a comment, and inside actions spaces, quotes, numbers, fields and keywords become items. It works
/// on the template's UTF-8 bytes so positions are byte offsets, as Go reports them.
/// </summary>
internal sealed partial class Lexer
{
    private const int Eof = -1;
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";
    private const string LeftComment = "/*";
    private const string RightComment = "*/";
    private const int TrimMarkerLength = 2;

    private static readonly Dictionary<string, ItemType> Keywords = new(StringComparer.Ordinal)
    {
        ["."] = ItemType.Dot,
        ["block"] = ItemType.Block,
        ["break"] = ItemType.Break,
        ["continue"] = ItemType.Continue,
        ["define"] = ItemType.Define,
        ["else"] = ItemType.Else,
        ["end"] = ItemType.End,
        ["if"] = ItemType.If,
        ["range"] = ItemType.Range,
        ["nil"] = ItemType.Nil,
        ["template"] = ItemType.Template,
        ["with"] = ItemType.With,
    };

    private byte[] input;
    private int position;
    private int start;
    private bool atEof;
    private int parenDepth;
    private int line = 1;
    private int startLine = 1;
    private Item item;
    private bool insideAction;

    public Lexer(byte[] input)
    {
        this.input = input;
    }

    private delegate State? State();

    public Item NextItem()
    {
        item = new Item(ItemType.Eof, position, "EOF", startLine);
        State? state = insideAction ? LexInsideAction : LexText;
        while (state is not null)
        {
            state = state();
        }

        return item;
    }

    private int Next()
    {
        if (position >= input.Length)
        {
            atEof = true;
            return Eof;
        }

        var (rune, width) = GoText.DecodeRune(input.AsSpan(position));
        position += width;
        if (rune == '\n')
        {
            line++;
        }

        return rune < 0 ? 0xFFFD : rune;
    }

    private int Peek()
    {
        var rune = Next();
        Backup();
        return rune;
    }

    private void Backup()
    {
        if (!atEof && position > 0)
        {
            var width = 1;
            while (width < 4 && position - width > 0 && (input[position - width] & 0xC0) == 0x80)
            {
                width++;
            }

            var (rune, decoded) = GoText.DecodeRune(input.AsSpan(position - width));
            if (decoded != width)
            {
                width = 1;
                rune = input[position - 1];
            }

            position -= width;
            if (rune == '\n')
            {
                line--;
            }
        }

        atEof = false;
    }

    private string Text(int from, int to) => GoText.FromBytes(input.AsSpan(from, to - from));

    private Item ThisItem(ItemType type)
    {
        var result = new Item(type, start, Text(start, position), startLine);
        start = position;
        startLine = line;
        return result;
    }

    private State? Emit(ItemType type) => EmitItem(ThisItem(type));

    private State? EmitItem(Item value)
    {
        item = value;
        return null;
    }

    private void Ignore()
    {
        line += CountNewlines(start, position);
        start = position;
        startLine = line;
    }

    private bool Accept(string valid)
    {
        if (IsOneOf(valid, Next()))
        {
            return true;
        }

        Backup();
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (IsOneOf(valid, Next()))
        {
        }

        Backup();
    }

    private static bool IsOneOf(string valid, int rune) => rune is >= 0 and < 0x80 && valid.Contains((char)rune, StringComparison.Ordinal);

    private State? Errorf(string message)
    {
        item = new Item(ItemType.Error, start, message, startLine);
        start = 0;
        position = 0;
        input = [];
        return null;
    }

    private int CountNewlines(int from, int to)
    {
        var count = 0;
        for (var i = from; i < to; i++)
        {
            if (input[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }

    private bool HasPrefix(int at, string prefix)
    {
        if (at < 0 || at + prefix.Length > input.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (input[at + i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private int IndexOf(string value, int from)
    {
        for (var i = from; i + value.Length <= input.Length; i++)
        {
            if (HasPrefix(i, value))
            {
                return i - from;
            }
        }

        return -1;
    }

    private bool HasLeftTrimMarker(int at) => at + 1 < input.Length && input[at] == '-' && IsSpace(input[at + 1]);

    private bool HasRightTrimMarker(int at) => at >= 0 && at + 1 < input.Length && IsSpace(input[at]) && input[at + 1] == '-';

    private static bool IsSpace(int rune) => rune is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphanumeric(int rune) =>
        rune == '_' || (rune >= 0 && (Rune.IsLetter(new Rune(rune)) || CharUnicodeInfo.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber));

    private static string DescribeRune(int rune) =>
        string.Create(CultureInfo.InvariantCulture, $"U+{rune:X4}") + (Formatting.GoQuote.IsPrint(rune) ? $" '{char.ConvertFromUtf32(rune)}'" : string.Empty);
}

using System.Text;

namespace ImageBuild.Templates.Text;

/// <summary>
/// Go strings are bytes, .NET strings are UTF-16. A Go string is kept here as a .NET string in which every byte that
/// is not part of valid UTF-8 is the lone surrogate U+DC80 + byte (Python's "surrogateescape"), so slicing a string
/// by bytes, as docker's truncate does, loses nothing and <see cref="ToBytes"/> gives back Go's exact bytes.
/// </summary>
public static class GoText
{
    private const int EscapeBase = 0xDC80;

    /// <summary>The bytes Go would hold for <paramref name="text"/>.</summary>
    public static byte[] ToBytes(string text)
    {
        var output = new List<byte>(text.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= (char)EscapeBase and <= (char)(EscapeBase + 0x7F) && !IsPairedLow(text, i))
            {
                output.Add((byte)(c - EscapeBase + 0x80));
                continue;
            }

            Rune rune;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                rune = new Rune(c, text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                rune = Rune.ReplacementChar;
            }
            else
            {
                rune = new Rune(c);
            }

            var written = rune.EncodeToUtf8(buffer);
            for (var b = 0; b < written; b++)
            {
                output.Add(buffer[b]);
            }
        }

        return [.. output];
    }

    /// <summary>Go's string of these bytes: valid UTF-8 decoded, each invalid byte escaped.</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var (rune, width) = DecodeRune(bytes[i..]);
            if (rune < 0)
            {
                text.Append((char)(EscapeBase + bytes[i] - 0x80));
            }
            else
            {
                text.Append(new Rune(rune).ToString());
            }

            i += width;
        }

        return text.ToString();
    }

    /// <summary>Go's utf8.DecodeRune, with -1 for an invalid byte (Go's RuneError of width 1).</summary>
    public static (int Rune, int Width) DecodeRune(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return (-1, 0);
        }

        if (bytes[0] < 0x80)
        {
            return (bytes[0], 1);
        }

        var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
        return status == System.Buffers.OperationStatus.Done ? (rune.Value, consumed) : (-1, 1);
    }

    /// <summary>The length in bytes, as Go's len.</summary>
    public static int ByteLength(string text)
    {
        var plain = true;
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                plain = false;
                break;
            }
        }

        return plain ? Encoding.UTF8.GetByteCount(text) : ToBytes(text).Length;
    }

    /// <summary>The runes of a Go string; an invalid byte counts as one rune (U+FFFD), as Go's range does.</summary>
    public static IEnumerable<(int Rune, string Text)> Runes(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                yield return (char.ConvertToUtf32(c, text[i + 1]), text.Substring(i++, 2));
            }
            else if (char.IsSurrogate(c))
            {
                yield return (0xFFFD, c.ToString());
            }
            else
            {
                yield return (c, c.ToString());
            }
        }
    }

    public static int RuneCount(string text)
    {
        var count = 0;
        foreach (var _ in Runes(text))
        {
            count++;
        }

        return count;
    }

    /// <summary>Go's string comparison: bytewise.</summary>
    public static int Compare(string left, string right)
    {
        if (!HasSurrogates(left) && !HasSurrogates(right))
        {
            // UTF-16 order equals UTF-8 byte order when no surrogates are involved.
            return string.CompareOrdinal(left, right);
        }

        return ToBytes(left).AsSpan().SequenceCompareTo(ToBytes(right));
    }

    private static bool HasSurrogates(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPairedLow(string text, int i) => i > 0 && char.IsHighSurrogate(text[i - 1]);
}

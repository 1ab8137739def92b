using System.Buffers;
using System.Text;

namespace ImageBuild.Layers;

/// <summary>
/// File names are bytes on Linux and need not be UTF-8. .NET decodes them lossily, so a name such as
/// <c>caf\xE9</c> could neither be opened nor put in a layer. Names read with <see cref="Decode"/> keep each byte
/// that is not UTF-8 as one lone surrogate U+DC80..U+DCFF (Python's "surrogateescape"), and <see cref="Encode"/>
/// gives the bytes back, for system calls and tar headers alike. Valid UTF-8 round-trips unchanged.
/// </summary>
internal static class UnixNames
{
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == OperationStatus.Done)
            {
                text.Append(rune.ToString());
                bytes = bytes[consumed..];
            }
            else
            {
                text.Append((char)(0xDC00 + bytes[0]));
                bytes = bytes[1..];
            }
        }

        return text.ToString();
    }

    public static byte[] Encode(string value)
    {
        if (!HasEscapes(value))
        {
            return Encoding.UTF8.GetBytes(value);
        }

        var bytes = new List<byte>(value.Length);
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (IsEscape(value, i))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[start..i]));
                bytes.Add((byte)(value[i] - 0xDC00));
                start = i + 1;
            }
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(value[start..]));
        return bytes.ToArray();
    }

    /// <summary>Whether <paramref name="value"/> carries bytes that are not UTF-8 (and so only native calls can reach it).</summary>
    public static bool HasEscapes(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (IsEscape(value, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name with its non-UTF-8 bytes shown as \xNN, for messages.</summary>
    public static string Display(string value) =>
        HasEscapes(value) ? string.Concat(value.Select((c, i) => IsEscape(value, i) ? $"\\x{c - 0xDC00:X2}" : c.ToString())) : value;

    private static bool IsEscape(string value, int i) =>
        value[i] is >= '\uDC80' and <= '\uDCFF' && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
}

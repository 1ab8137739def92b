using System.Text;

namespace ImageBuild.Templates.Text;

/// <summary>
/// UTF-8 that writes Go strings back as Go's bytes: a byte of invalid UTF-8 kept by <see cref="GoText"/> as a lone
/// surrogate becomes that byte again, so what a template prints (docker's byte-wise truncate, say) reaches standard
/// output exactly as docker writes it.
/// </summary>
public sealed class GoTextEncoding : Encoding
{
    public static GoTextEncoding Instance { get; } = new();

    public override string WebName => "utf-8";

    public override int GetByteCount(char[] chars, int index, int count) => GoText.ToBytes(new string(chars, index, count)).Length;

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex)
    {
        var encoded = GoText.ToBytes(new string(chars, charIndex, charCount));
        encoded.CopyTo(bytes, byteIndex);
        return encoded.Length;
    }

    public override int GetCharCount(byte[] bytes, int index, int count) => GoText.FromBytes(bytes.AsSpan(index, count)).Length;

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
    {
        var decoded = GoText.FromBytes(bytes.AsSpan(byteIndex, byteCount));
        decoded.CopyTo(0, chars, charIndex, decoded.Length);
        return decoded.Length;
    }

    public override int GetMaxByteCount(int charCount) => (charCount + 1) * 3;

    public override int GetMaxCharCount(int byteCount) => byteCount + 1;

    public override byte[] GetPreamble() => [];

    public override Encoder GetEncoder() => new StatefulEncoder();

    /// <summary>Keeps a high surrogate that ends one buffer for the low surrogate that starts the next.</summary>
    private sealed class StatefulEncoder : Encoder
    {
        private char? pending;

        public override int GetByteCount(char[] chars, int index, int count, bool flush) =>
            GoText.ToBytes(Take(chars, index, count, flush, commit: false)).Length;

        public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex, bool flush)
        {
            var encoded = GoText.ToBytes(Take(chars, charIndex, charCount, flush, commit: true));
            encoded.CopyTo(bytes, byteIndex);
            return encoded.Length;
        }

        public override void Reset() => pending = null;

        private string Take(char[] chars, int index, int count, bool flush, bool commit)
        {
            var text = (pending?.ToString() ?? string.Empty) + new string(chars, index, count);
            char? held = null;
            if (!flush && text.Length > 0 && char.IsHighSurrogate(text[^1]))
            {
                held = text[^1];
                text = text[..^1];
            }

            if (commit)
            {
                pending = held;
            }

            return text;
        }
    }
}

using System.Text;
using CsCheck;
using ImageBuild.Templates.Text;

namespace ImageBuild.Templates.Tests.Formatting;

/// <summary>Go strings (bytes) kept in .NET strings and written back byte for byte.</summary>
public sealed class GoTextTests
{
    [Fact]
    public void Any_bytes_survive_the_round_trip()
    {
        Gen.Byte.Array[0, 40].Sample(bytes => GoText.ToBytes(GoText.FromBytes(bytes)).AsSpan().SequenceEqual(bytes));
    }

    [Fact]
    public void Invalid_bytes_are_written_back_by_the_encoding_even_when_a_pair_is_split_between_writes()
    {
        var text = GoText.FromBytes([0xE6, (byte)'a']) + "😀";
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, GoTextEncoding.Instance, bufferSize: 1, leaveOpen: true) { AutoFlush = true })
        {
            // AutoFlush writes each char out at once, as the tool's standard output does, without ending the encoder.
            foreach (var c in text)
            {
                writer.Write(c);
            }
        }

        Assert.Equal([0xE6, (byte)'a', .. Encoding.UTF8.GetBytes("😀")], buffer.ToArray());
    }

    [Fact]
    public void Lengths_and_comparisons_are_bytewise_as_in_go()
    {
        Assert.Equal(6, GoText.ByteLength("今日"));
        Assert.Equal(1, GoText.ByteLength(GoText.FromBytes([0xFF])));
        Assert.True(GoText.Compare("\uFFFD", "😀") < 0);
    }
}

using System.Text;
using ImageBuild.Layers;

namespace ImageBuild.Tests.Layers;

public sealed class UnixNamesTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9 })]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'/', 0x80 })]
    [InlineData(new byte[] { 0xC3, 0xA9, 0xC3 })]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80, 0xED, 0xB2, 0x80 })]
    public void Any_bytes_round_trip(byte[] name) => Assert.Equal(name, UnixNames.Encode(UnixNames.Decode(name)));

    [Theory]
    [InlineData("café")]
    [InlineData("plain/ascii")]
    [InlineData("😀 emoji")]
    public void Utf8_names_decode_as_dotnet_does_and_need_no_escapes(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);

        Assert.Equal(name, UnixNames.Decode(bytes));
        Assert.False(UnixNames.HasEscapes(name));
        Assert.Equal(bytes, UnixNames.Encode(name));
    }

    [Fact]
    public void Escaped_bytes_show_as_hex_in_messages() =>
        Assert.Equal("caf\\xE9.txt", UnixNames.Display(UnixNames.Decode([.. "caf"u8, 0xE9, .. ".txt"u8])));
}

using System.Security.Cryptography;
using System.Text;
using CsCheck;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Oci;

public sealed class DigestTests
{
    private static readonly string Hex64 = new('a', 64);

    [Fact]
    public void ParsesSha256()
    {
        var digest = Digest.Parse("sha256:" + Hex64);

        Assert.Equal(Digest.Sha256, digest.Algorithm);
        Assert.Equal(Hex64, digest.Hex);
        Assert.Equal("sha256:" + Hex64, digest.ToString());
        Assert.Equal(new string('a', 12), digest.ShortHex);
    }

    [Fact]
    public void ParsesSha512()
    {
        var hex = Convert.ToHexStringLower(SHA512.HashData("x"u8));

        var digest = Digest.Parse("sha512:" + hex);

        Assert.Equal(Digest.Sha512, digest.Algorithm);
        Assert.Equal(hex, digest.Hex);
    }

    [Theory]
    [InlineData("sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "'A' is not a lower-case hex character")]
    [InlineData("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sha256 needs 64 hex characters, got 63")]
    [InlineData("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sha256 needs 64 hex characters, got 65")]
    [InlineData("sha512:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sha512 needs 128 hex characters, got 64")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e", "unsupported algorithm \"md5\"")]
    [InlineData("SHA256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "unsupported algorithm \"SHA256\"")]
    [InlineData("sha256:gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg", "'g' is not a lower-case hex character")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "expected algorithm:hex")]
    [InlineData(":aaaa", "expected algorithm:hex")]
    [InlineData("", "digest is empty")]
    public void RejectsMalformedDigestsNamingTheProblem(string text, string expectedMessagePart)
    {
        var error = Assert.Throws<InvalidInputException>(() => Digest.Parse(text));

        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Digest.TryParse(text, out var digest));
        Assert.Equal(default, digest);
    }

    [Fact]
    public void ComputeIsTheSha256OfTheBytes()
    {
        var content = Encoding.UTF8.GetBytes("hello, layers");

        var digest = Digest.Compute(content);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)), digest.ToString());
    }

    [Fact]
    public void TheEmptyJsonObjectHasTheDigestTheSpecGives()
    {
        Assert.Equal(
            "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
            Digest.Compute("{}"u8).ToString());
    }

    [Fact]
    public async Task ComputeAsyncMatchesComputeForAStream()
    {
        var content = RandomNumberGenerator.GetBytes(100_000);
        using var stream = new MemoryStream(content);

        var digest = await Digest.ComputeAsync(stream, CancellationToken.None);

        Assert.Equal(Digest.Compute(content), digest);
    }

    [Fact]
    public void CreateHashUsesTheDigestsAlgorithm()
    {
        var sha512 = Digest.Parse("sha512:" + Convert.ToHexStringLower(SHA512.HashData("abc"u8)));
        using var hash = sha512.CreateHash();
        hash.AppendData("abc"u8);

        Assert.Equal(sha512, Digest.FromHash(Digest.Sha512, hash.GetHashAndReset()));
    }

    [Fact]
    public void TextFormRoundTripsForAnyContent()
    {
        Gen.Byte.Array.Sample(bytes =>
        {
            var digest = Digest.Compute(bytes);
            return Digest.Parse(digest.ToString()) == digest && digest.Hex.Length == 64;
        });
    }

    [Fact]
    public void JsonWithAMalformedDigestIsRejectedWithTheReason()
    {
        var json = """{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:ABC","size":1}"""u8.ToArray();

        var error = Assert.Throws<ImageBuildException>(() => OciJson.ParseDescriptor(json));

        Assert.Contains("invalid descriptor", error.Message, StringComparison.Ordinal);
        Assert.Contains("sha256 needs 64 hex characters, got 3", error.Message, StringComparison.Ordinal);
    }
}

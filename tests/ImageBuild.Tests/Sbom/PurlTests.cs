using System.Security.Cryptography;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Sbom;

namespace ImageBuild.Tests.Sbom;

public sealed class PurlTests
{
    [Fact]
    public void Purls_encode_names_and_qualify_images()
    {
        Assert.Equal("pkg:nuget/Newtonsoft.Json@13.0.3", Purl.NuGet("Newtonsoft.Json", "13.0.3"));
        Assert.Equal("pkg:nuget/My.Package@1.0.0%2Bbuild.5", Purl.NuGet("My.Package", "1.0.0+build.5"));
        var digest = Digest.Compute("manifest"u8);
        Assert.Equal(
            $"pkg:oci/web@sha256%3A{digest.Hex}?arch=arm64&os=linux&repository_url=127.0.0.1%3A5000/team/web",
            Purl.Oci(ImageReference.Parse("127.0.0.1:5000/team/web:1"), digest, new Platform { Os = "linux", Architecture = "arm64" }));
    }

    [Fact]
    public void NuGet_base64_sha512_becomes_hex_and_anything_else_none()
    {
        var hash = SHA512.HashData("package"u8);

        Assert.Equal(Convert.ToHexStringLower(hash), SbomPackage.HexOfNuGetHash(Convert.ToBase64String(hash)));
        Assert.Null(SbomPackage.HexOfNuGetHash(Convert.ToBase64String(SHA256.HashData("package"u8))));
        Assert.Null(SbomPackage.HexOfNuGetHash("not base64!"));
        Assert.Null(SbomPackage.HexOfNuGetHash(null));
    }
}

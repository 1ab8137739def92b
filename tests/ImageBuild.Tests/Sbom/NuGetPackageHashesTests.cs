using System.Security.Cryptography;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Sbom;

namespace ImageBuild.Tests.Sbom;

public sealed class NuGetPackageHashesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Hashes_come_from_the_assets_file_then_the_package_folder_as_hex()
    {
        var library = SHA512.HashData("library package"u8);
        var runtime = SHA512.HashData("runtime pack"u8);
        var assets = temp.Combine("project.assets.json");
        await File.WriteAllTextAsync(assets, $$"""
            {
              "version": 3,
              "libraries": {
                "Humanizer.Core/2.14.1": { "sha512": "{{Convert.ToBase64String(library)}}", "type": "package", "path": "humanizer.core/2.14.1" },
                "lib/1.0.0": { "type": "project", "path": "../lib/lib.csproj" }
              }
            }
            """);
        var folder = temp.CreateDirectory("packages");
        var runtimeFolder = Directory.CreateDirectory(Path.Combine(folder, "microsoft.netcore.app.runtime.linux-x64", "10.0.1")).FullName;
        await File.WriteAllTextAsync(Path.Combine(runtimeFolder, ".nupkg.metadata"), $$"""{ "version": 2, "contentHash": "{{Convert.ToBase64String(runtime)}}", "source": "https://example.com/v3/index.json" }""");

        var resolved = await NuGetPackageHashes.ResolveAsync(
            [new SbomPackage("humanizer.core", "2.14.1", null), new SbomPackage("Microsoft.NETCore.App.Runtime.linux-x64", "10.0.1", null, IsRuntimePack: true), new SbomPackage("Unknown", "1.0.0", null)],
            assets,
            [temp.Combine("missing-folder"), folder],
            CancellationToken.None);

        Assert.Equal([Convert.ToHexStringLower(library), Convert.ToHexStringLower(runtime), null], resolved.Select(p => p.Sha512));
    }

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
}

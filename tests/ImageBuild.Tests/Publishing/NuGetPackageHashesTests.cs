using ImageBuild.Publishing;

namespace ImageBuild.Tests.Publishing;

public sealed class NuGetPackageHashesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public void Hash_comes_from_the_nupkg_metadata_of_the_folder_the_file_is_in()
    {
        var folder = temp.CreateDirectory(Path.Combine("packages", "newtonsoft.json", "13.0.3"));
        File.WriteAllText(Path.Combine(folder, ".nupkg.metadata"), """{ "version": 2, "contentHash": "HrC5==", "source": "https://example.com/v3/index.json" }""");
        var file = Path.Combine(temp.CreateDirectory(Path.Combine(folder, "lib", "net6.0")), "Newtonsoft.Json.dll");

        Assert.Equal("HrC5==", new NuGetPackageHashes().Find("Newtonsoft.Json", "13.0.3", file));
    }

    [Fact]
    public void Older_sha512_file_is_used_when_there_is_no_metadata()
    {
        var folder = temp.CreateDirectory(Path.Combine("packages", "a.b", "1.0.0-beta"));
        File.WriteAllText(Path.Combine(folder, "a.b.1.0.0-beta.nupkg.sha512"), "AbC==\n");

        Assert.Equal("AbC==", new NuGetPackageHashes().Find("A.B", "1.0.0-Beta", Path.Combine(folder, "lib", "A.B.dll")));
    }

    [Fact]
    public void A_file_outside_any_package_folder_has_no_hash() =>
        Assert.Null(new NuGetPackageHashes().Find("Newtonsoft.Json", "13.0.3", temp.Combine("bin", "Newtonsoft.Json.dll")));

    public void Dispose() => temp.Dispose();
}

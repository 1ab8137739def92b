using ImageBuild.Building;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Building;

/// <summary>
/// Layers whose plan says what their files are (<see cref="LayerSpec.SourceIdentity"/>: NuGet packages and their
/// sha512) are found in the layer cache by that, the image paths and each file's size and mtime, from any folder,
/// without reading the files; a file changed under the same identity (a package overwritten in a local feed) misses.
/// </summary>
public sealed class LayerIdentityKeyTests : IDisposable
{
    private const string Packages = "nuget\nnewtonsoft.json/13.0.3 sha512-HrC5BXdl00IP9zeV";
    private static readonly DateTime PackageTime = new(2023, 3, 8, 7, 9, 54, DateTimeKind.Utc);
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Same_packages_published_from_another_folder_are_found_without_reading_the_files()
    {
        var store = await OpenStoreAsync();
        var first = await BuildAsync(store, MakePackageFiles("first", "assembly bytes"));
        // Same identity, size and mtime, other bytes: only a key that never reads the files can call this a hit.
        var second = await BuildAsync(store, MakePackageFiles("second", "ASSEMBLY BYTES"));

        Assert.Equal((1, 0), (first.LayersWritten, first.LayersReused));
        Assert.Equal((0, 1), (second.LayersWritten, second.LayersReused));
        Assert.Equal(first.Digest, second.Digest);
    }

    [Theory]
    [InlineData("a rebuilt assembly, same version", true)] // another size, the package's mtime
    [InlineData("ASSEMBLY BYTES", false)] // the same size, a new mtime
    public async Task File_overwritten_under_the_same_package_version_is_rebuilt(string newContent, bool keepPackageTime)
    {
        var store = await OpenStoreAsync();
        var folder = MakePackageFiles("feed", "assembly bytes");
        var first = await BuildAsync(store, folder);

        var file = Path.Combine(folder, "Newtonsoft.Json.dll");
        await File.WriteAllTextAsync(file, newContent);
        if (keepPackageTime)
        {
            File.SetLastWriteTimeUtc(file, PackageTime);
        }

        var second = await BuildAsync(store, folder);

        Assert.Equal(1, second.LayersWritten);
        Assert.NotEqual(first.Images[0].Layers[0].Digest, second.Images[0].Layers[0].Digest);
    }

    [Fact]
    public async Task Other_packages_with_the_same_files_are_not_taken_for_the_first()
    {
        var store = await OpenStoreAsync();
        var folder = MakePackageFiles("feed", "assembly bytes");
        await BuildAsync(store, folder);

        var other = await BuildAsync(store, folder, Packages.Replace("13.0.3", "13.0.4"));

        // Not by identity; the unchanged folder is still found by its paths, without tarring again.
        Assert.Equal((0, 1), (other.LayersWritten, other.LayersReused));
    }

    private static Task<BuildResult> BuildAsync(ImageStore store, string folder, string identity = Packages) =>
        new ImageBuilder(store).BuildAsync(
            new BuildPlan
            {
                Layers = [LayerSpec.FromDirectory("packages", folder, "/app") with { SourceIdentity = identity }],
                Platforms = [Platform.LinuxAmd64],
                Tags = ["app:1"],
            },
            CancellationToken.None);

    private Task<ImageStore> OpenStoreAsync() => ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);

    /// <summary>A publish folder's copies of package files: copies keep the package folder's mtimes.</summary>
    private string MakePackageFiles(string name, string content)
    {
        var directory = temp.CreateDirectory(name);
        foreach (var file in new[] { "Newtonsoft.Json.dll", "Newtonsoft.Json.xml" })
        {
            var path = Path.Combine(directory, file);
            File.WriteAllText(path, content + " " + file);
            File.SetLastWriteTimeUtc(path, PackageTime);
        }

        return directory;
    }

    public void Dispose() => temp.Dispose();
}

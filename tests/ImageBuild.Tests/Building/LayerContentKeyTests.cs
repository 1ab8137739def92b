using ImageBuild.Building;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Building;

/// <summary>
/// A layer no cached layer resembles (other paths or sizes) gets its content key from the hashes taken while its
/// tar is written, not from a read of its own; a layer that resembles one is hashed first, so the same files found
/// again with new mtimes (a clean rebuild) are reused without a tar. Both ways must give the same key.
/// </summary>
public sealed class LayerContentKeyTests : IDisposable
{
    private static readonly DateTime Earlier = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Files_rewritten_with_the_same_bytes_are_found_by_content()
    {
        var store = await OpenStoreAsync();
        var folder = MakeApp("app", "version one");
        var first = await BuildAsync(store, folder);

        // A clean rebuild: every file written again, same bytes, new mtimes, so the quick key misses.
        Touch(folder, new DateTime(2021, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        var second = await BuildAsync(store, folder);

        Assert.Equal((1, 0), (first.LayersWritten, first.LayersReused));
        Assert.Equal((0, 1), (second.LayersWritten, second.LayersReused));
        Assert.Equal(first.Digest, second.Digest);
        Assert.Single(Directory.GetFiles(Path.Combine(store.Layout.RootPath, LayerCache.DirectoryName, "shape")));
    }

    [Fact]
    public async Task Same_paths_and_sizes_with_other_bytes_are_written_anew()
    {
        var store = await OpenStoreAsync();
        var folder = MakeApp("app", "version one");
        var first = await BuildAsync(store, folder);

        var changed = MakeApp("copy", "version two"); // same image paths and lengths, other bytes
        var second = await BuildAsync(store, changed);

        Assert.Equal((1, 0), (second.LayersWritten, second.LayersReused));
        Assert.NotEqual(first.Images[0].Layers[0].Digest, second.Images[0].Layers[0].Digest);

        // The second layer's key came from reading its files before the tar; it finds the layer again all the same.
        Touch(changed, new DateTime(2022, 2, 2, 0, 0, 0, DateTimeKind.Utc));
        var third = await BuildAsync(store, changed);
        Assert.Equal((0, 1), (third.LayersWritten, third.LayersReused));
        Assert.Equal(second.Digest, third.Digest);
    }

    private static Task<BuildResult> BuildAsync(ImageStore store, string folder) =>
        new ImageBuilder(store).BuildAsync(
            new BuildPlan
            {
                Layers = [LayerSpec.FromDirectory("app", folder, "/app")],
                Platforms = [Platform.LinuxAmd64],
                Tags = ["app:1"],
            },
            CancellationToken.None);

    private static void Touch(string folder, DateTime time)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            File.WriteAllBytes(file, File.ReadAllBytes(file));
            File.SetLastWriteTimeUtc(file, time);
        }
    }

    private Task<ImageStore> OpenStoreAsync() => ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);

    private string MakeApp(string name, string content)
    {
        var directory = temp.Combine(name);
        Directory.CreateDirectory(Path.Combine(directory, "wwwroot"));
        File.WriteAllText(Path.Combine(directory, "app.dll"), content);
        File.WriteAllText(Path.Combine(directory, "wwwroot", "index.html"), $"<p>{content}</p>");
        File.WriteAllText(Path.Combine(directory, "app.runtimeconfig.json"), "{}");
        Touch(directory, Earlier);
        return directory;
    }
}

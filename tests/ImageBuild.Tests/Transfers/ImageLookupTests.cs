using System.Diagnostics;
using ImageBuild.Errors;
using ImageBuild.Store;
using ImageBuild.Tests.Infrastructure;
using ImageBuild.Transfers;

namespace ImageBuild.Tests.Transfers;

/// <summary>
/// Where a name that starts with a registry host is looked for: the store when it holds that name, else the registry,
/// without reading the store's images (a build from a registry base would otherwise pay for the whole store).
/// </summary>
public sealed class ImageLookupTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_registry_name_the_store_lacks_goes_to_the_registry_without_reading_stored_images()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        var other = await TestImages.WriteImageAsync(store.Layout);
        await store.TagAsync("other:1", other.Manifest, CancellationToken.None);
        // Reading the other image's manifest now blocks until a writer opens the pipe: a lookup that reads stored
        // images hangs here instead of answering.
        var manifestPath = store.Layout.BlobPath(other.Manifest.Digest);
        await ReplaceWithFifoAsync(manifestPath);
        try
        {
            var lookup = Task.Run(() => ImageLookup.OpenAsync("registry.example:5000/team/base:1", TransferEndpoints.Local(store), remote: false, CancellationToken.None));

            // Local endpoints refuse registries, so reaching the registry shows as this error.
            var error = await Assert.ThrowsAsync<InvalidInputException>(() => lookup.WaitAsync(Patience));
            Assert.Contains("registry.example:5000/team/base:1 is in a registry", error.Message);
        }
        finally
        {
            // Opened for reading and writing, a pipe never blocks; closing it ends a blocked reader with EOF.
            using (new FileStream(manifestPath, FileMode.Open, FileAccess.ReadWrite))
            {
            }
        }
    }

    [Fact]
    public async Task A_registry_name_the_store_holds_is_the_stored_image()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        var image = await TestImages.WriteImageAsync(store.Layout);
        await store.TagAsync("registry.example:5000/team/base:1", image.Manifest, CancellationToken.None);

        var found = await ImageLookup.OpenAsync("registry.example:5000/team/base:1", TransferEndpoints.Local(store), remote: false, CancellationToken.None);

        Assert.Equal(image.Manifest.Digest, found.Source.Root.Digest);
        Assert.Equal("registry.example:5000/team/base:1", found.Name);
    }

    private static async Task ReplaceWithFifoAsync(string path)
    {
        File.Delete(path);
        using var mkfifo = Process.Start("mkfifo", [path]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}

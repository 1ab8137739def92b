using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;
using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// A build to an OCI layout leaves a cached layer and an unreferenced config and manifest in the store:
/// <c>system df</c> shows both, <c>cache prune</c> (docker's <c>builder prune</c>) frees the cached layer.
/// </summary>
public sealed class CacheCommandTests : IDisposable
{
    private const string Rows = "{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}";

    private readonly CliStore store = new();
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-cache");

    public void Dispose()
    {
        store.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task Df_shows_the_layer_cache_and_cache_prune_frees_the_layers_no_image_uses()
    {
        var content = temp.CreateSubdirectory("content");
        await File.WriteAllTextAsync(Path.Combine(content, "data.txt"), "cached but in no stored image\n");
        await store.OutputAsync("build", content, "--from", "scratch", "-t", "app:1", "--output", $"oci:{temp.Combine("layout")}");
        var layer = (string)JsonNode.Parse(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Path.Combine(store.Root, "layer-cache", "content")))))!["digest"]!;
        var layerSize = store.BlobLength(layer);
        var leftovers = store.BlobDigests().Where(d => d != layer).Sum(store.BlobLength);

        Assert.Equal(
            $"Images|0|0|{HumanSize(leftovers, 4)}|0B (0%)\n" +
            $"Build Cache|1|0|{HumanSize(layerSize, 4)}|{HumanSize(layerSize, 4)} (100%)\n",
            await store.OutputAsync("df", "--format", Rows));

        Assert.Equal(
            $"Deleted build cache objects:\n{layer}\n\nTotal reclaimed space: {HumanSize(layerSize)}\n",
            await store.OutputAsync("cache", "prune", "-f"));
        Assert.DoesNotContain(layer, store.BlobDigests());
        Assert.Equal($"Build Cache|0|0|0B|0B", (await store.OutputAsync("df", "--format", Rows)).Split('\n')[1]);
        await store.AssertSoundAsync();
    }
}

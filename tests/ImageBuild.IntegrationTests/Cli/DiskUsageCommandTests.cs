using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// <c>dotnet image system df</c> and <c>df</c> as a process, on two busybox images that share their one layer
/// and a dangling image: every number is counted again from the blob files.
/// </summary>
public sealed class DiskUsageCommandTests : IDisposable
{
    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Summary_counts_each_blob_once_and_dangling_bytes_as_reclaimable()
    {
        var usage = await CreateImagesAsync();
        var size = HumanSize(usage.Total, 4);
        var reclaimable = $"{HumanSize(usage.DanglingSize, 4)} ({usage.DanglingSize * 100 / usage.Total}%)";

        var output = await store.OutputAsync("system", "df");

        Assert.Equal(
            "TYPE          TOTAL     ACTIVE    SIZE      RECLAIMABLE\n" +
            $"Images        3         2         {size.PadRight(Math.Max(10, size.Length + 3))}{reclaimable}\n" +
            $"Build Cache   0         0         {"0B".PadRight(Math.Max(10, size.Length + 3))}0B\n",
            output);
        Assert.Equal(output, await store.OutputAsync("df"));
    }

    [Fact]
    public async Task Verbose_shows_shared_and_unique_size_per_image()
    {
        var usage = await CreateImagesAsync();
        var layer = HumanSize(usage.SharedLayer, 4);
        string Row(string repository, string tag, string id, string created, long imageSize, string shared, long unique) =>
            $"{repository,-13}{tag,-10}{Short(id)}   {created}   {HumanSize(imageSize),-10}{shared,-14}{HumanSize(unique, 4),-14}0\n";

        var output = await store.OutputAsync("system", "df", "-v");

        Assert.Equal(
            "Images space usage:\n" +
            "\n" +
            "REPOSITORY   TAG       IMAGE ID       CREATED      SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS\n" +
            Row("<none>", "<none>", usage.Dangling, "3 days ago", usage.DanglingSize, "0B", usage.DanglingSize) +
            Row("second", "1", usage.Second, "4 days ago", usage.SecondSize, layer, usage.SecondSize - usage.SharedLayer) +
            Row("first", "1", usage.First, "5 days ago", usage.FirstSize, layer, usage.FirstSize - usage.SharedLayer) +
            "\n" +
            $"Total: {HumanSize(usage.Total, 4)}, shared: {layer}, reclaimable: {HumanSize(usage.DanglingSize, 4)}\n" +
            "Unreferenced blobs: 0, 0B (prune removes the 0B older than 10 minutes)\n" +
            "\n" +
            "Build cache usage: 0B (0 layers, 0 used by images; 'cache prune' frees 0B)\n",
            output);
        Assert.Equal(output, await store.OutputAsync("df", "--verbose"));
    }

    [Fact]
    public async Task Format_json_prints_each_summary_row_as_one_object()
    {
        var usage = await CreateImagesAsync();

        var output = await store.OutputAsync("df", "--format", "json");

        Assert.Equal(
            $"{{\"Active\":\"2\",\"Reclaimable\":\"{HumanSize(usage.DanglingSize, 4)} ({usage.DanglingSize * 100 / usage.Total}%)\"," +
            $"\"Size\":\"{HumanSize(usage.Total, 4)}\",\"TotalCount\":\"3\",\"Type\":\"Images\"}}\n" +
            "{\"Active\":\"0\",\"Reclaimable\":\"0B\",\"Size\":\"0B\",\"TotalCount\":\"0\",\"Type\":\"Build Cache\"}\n",
            output);
    }

    /// <summary>
    /// first:1 and second:1 import the same busybox rootfs with different labels, so they differ only in config
    /// and manifest; a dangling one-file image adds bytes that nothing keeps.
    /// </summary>
    private async Task<Usage> CreateImagesAsync()
    {
        var first = await store.ImportBusyboxAsync("first:1", DaysAgo(5), "LABEL which=first");
        var second = await store.ImportBusyboxAsync("second:1", DaysAgo(4), "LABEL which=second");
        var dangling = await store.ImportSmallAsync(null, DaysAgo(3));
        var layer = Assert.Single(await store.LayerDigestsAsync(first));
        Assert.Equal([layer], await store.LayerDigestsAsync(second));
        return new Usage(
            first, second, dangling,
            await store.SizeOnDiskAsync(first), await store.SizeOnDiskAsync(second), await store.SizeOnDiskAsync(dangling),
            store.BlobLength(layer), store.BlobDigests().Sum(store.BlobLength));
    }

    private sealed record Usage(string First, string Second, string Dangling, long FirstSize, long SecondSize, long DanglingSize, long SharedLayer, long Total);
}

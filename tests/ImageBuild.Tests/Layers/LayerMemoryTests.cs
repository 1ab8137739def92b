using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Layers;

[CollectionDefinition(nameof(AllocationMeasuring), DisableParallelization = true)]
public sealed class AllocationMeasuring;

/// <summary>Allocation counts are process-wide, so these run alone.</summary>
[Collection(nameof(AllocationMeasuring))]
public sealed class LayerMemoryTests : IDisposable
{
    private const long LargeFileSize = 200L * 1024 * 1024;
    private const long AllocationBudget = 16L * 1024 * 1024;
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Writing_and_flattening_a_large_layer_allocates_far_less_than_its_size()
    {
        var source = temp.CreateDirectory("src");
        await using (var file = File.Create(Path.Combine(source, "large.bin")))
        {
            file.SetLength(LargeFileSize); // sparse: cheap to make and to read
        }

        var writer = new LayerWriter(new LayerOptions { Compression = LayerCompression.Gzip });
        var entries = LayerEntries.FromDirectory(source, "/data");
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var blob = await writer.WriteAsync(entries, temp.Path, CancellationToken.None);
        var writing = GC.GetTotalAllocatedBytes(precise: true) - before;

        before = GC.GetTotalAllocatedBytes(precise: true);
        await LayerFlattener.FlattenAsync(
            [cancellationToken => LayerReader.OpenAsync(File.OpenRead(blob.FilePath), cancellationToken: cancellationToken)],
            Stream.Null,
            CancellationToken.None);
        var flattening = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(blob.UncompressedSize > LargeFileSize, $"layer holds only {blob.UncompressedSize} bytes");
        Assert.True(writing < AllocationBudget, $"writing a {LargeFileSize} byte layer allocated {writing} bytes");
        Assert.True(flattening < AllocationBudget, $"flattening a {LargeFileSize} byte layer allocated {flattening} bytes");
    }
}

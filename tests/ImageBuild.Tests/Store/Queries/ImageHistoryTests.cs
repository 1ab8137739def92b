using ImageBuild.Oci;
using ImageBuild.Store;
using ImageBuild.Store.Queries;

namespace ImageBuild.Tests.Store.Queries;

public sealed class ImageHistoryTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task History_maps_onto_layers_newest_first_with_empty_layers_of_size_zero()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        HistoryEntry[] history =
        [
            new() { Created = "2024-01-01T00:00:00Z", CreatedBy = "ADD rootfs /" },
            new() { Created = "2024-01-02T00:00:00Z", CreatedBy = "ENV A=1", EmptyLayer = true },
            new() { Created = "2024-01-03T00:00:00Z", CreatedBy = "RUN make", Comment = "buildkit.dockerfile.v0" },
            new() { Created = "2024-01-04T00:00:00Z", CreatedBy = "CMD [\"sh\"]", EmptyLayer = true },
        ];
        var image = await factory.ImageAsync(ImageFactory.Day(1, 4), freshLayers: 2, history: history);
        await factory.TagAsync(image.Manifest, "docker.io/library/app:1");

        var rows = await ImageHistory.GetAsync(store, "app:1", null, CancellationToken.None);

        Assert.Equal(["CMD [\"sh\"]", "RUN make", "ENV A=1", "ADD rootfs /"], rows.Select(r => r.CreatedBy));
        Assert.Equal([0, image.Layers[1].Blob.Size, 0, image.Layers[0].Blob.Size], rows.Select(r => r.Size));
        Assert.Equal([image.Id.ToString(), "<missing>", "<missing>", "<missing>"], rows.Select(r => r.Id));
        Assert.Equal(["app:1"], rows[0].Tags);
        Assert.Empty(rows[1].Tags);
        Assert.Equal("buildkit.dockerfile.v0", rows[1].Comment);
        Assert.Equal(ImageFactory.Day(1, 3), rows[1].Created);
    }

    [Fact]
    public async Task Without_history_each_layer_gets_a_row()
    {
        var store = await ImageStore.OpenAsync(temp.Path, CancellationToken.None);
        var factory = new ImageFactory(store);
        var image = await factory.ImageAsync(ImageFactory.Day(2), freshLayers: 3, history: []);
        await store.AddUntaggedAsync(image.Manifest, CancellationToken.None);

        var rows = await ImageHistory.GetAsync(store, image.Id.Hex[..12], null, CancellationToken.None);

        Assert.Equal(image.Layers.Select(l => l.Blob.Size).Reverse(), rows.Select(r => r.Size));
        Assert.All(rows, r => Assert.Equal(ImageFactory.Day(2), r.Created));
        Assert.Equal(image.Id.ToString(), rows[0].Id);
    }
}

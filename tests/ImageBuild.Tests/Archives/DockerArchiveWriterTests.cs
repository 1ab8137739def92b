using System.Text.Json;
using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Archives;

public sealed class DockerArchiveWriterTests : LayoutTest
{
    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    [InlineData(LayerCompression.None)]
    public async Task RoundTripKeepsConfigDigestAndLayersAsDockerLoadsThem(LayerCompression compression)
    {
        var image = await TestImages.WriteImageAsync(Source, compression, "arm64", "base", "app");
        var sourceManifest = await TestImages.ReadManifestAsync(Source, image);
        var config = await TestImages.ReadConfigAsync(Source, sourceManifest);
        var configDigest = sourceManifest.Config.Digest;
        var archive = Temp.Combine("docker.tar");

        await WriteAsync(archive, new ArchiveImage(image, ["app:1.0", "example.com/app:2"]));
        var sink = await NewLayoutAsync("sink");
        var loaded = Assert.Single(await ArchiveLoading.LoadAsync(archive, sink, Temp.Combine("tmp")));

        Assert.Equal(["app:1.0", "example.com/app:2"], loaded.RefNames);
        Assert.Equal(MediaTypes.OciManifest, loaded.Root.MediaType);
        Assert.Equal("arm64", loaded.Root.Platform?.Architecture);
        var manifest = await TestImages.ReadManifestAsync(sink, loaded.Root);
        Assert.Equal(configDigest, manifest.Config.Digest);
        Assert.Equal(MediaTypes.OciConfig, manifest.Config.MediaType);
        // gzip and plain layers travel as stored, so their digests survive; zstd, which docker 20.10 cannot load, is decompressed.
        var expected = compression == LayerCompression.Zstd ? config.RootFs.DiffIds : sourceManifest.Layers.Select(l => l.Digest).ToList();
        Assert.Equal(expected, manifest.Layers.Select(l => l.Digest));
        var mediaType = compression == LayerCompression.Gzip ? MediaTypes.OciLayerGzip : MediaTypes.OciLayer;
        Assert.All(manifest.Layers, l => Assert.Equal(mediaType, l.MediaType));
        Assert.All(manifest.Layers, l => Assert.True(File.Exists(sink.BlobPath(l.Digest))));
    }

    [Fact]
    public async Task ManifestJsonNamesConfigAndLayersAsStored()
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "one", "two");
        var manifest = await TestImages.ReadManifestAsync(Source, image);
        var diffIds = (await TestImages.ReadConfigAsync(Source, manifest)).RootFs.DiffIds;
        var archive = Temp.Combine("docker.tar");

        await WriteAsync(archive, new ArchiveImage(image, ["alpine:3.20"]));

        var tar = await File.ReadAllBytesAsync(archive);
        using var json = JsonDocument.Parse(TarFiles.File(tar, "manifest.json"));
        var item = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal($"blobs/sha256/{manifest.Config.Digest.Hex}", item.GetProperty("Config").GetString());
        Assert.Equal(["alpine:3.20"], item.GetProperty("RepoTags").EnumerateArray().Select(e => e.GetString()));
        var layerPaths = item.GetProperty("Layers").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(manifest.Layers.Select(l => $"blobs/sha256/{l.Digest.Hex}"), layerPaths);
        Assert.All(layerPaths, (path, i) => Assert.Equal(manifest.Layers[i].Digest, Digest.Compute(TarFiles.File(tar, path))));
        using var repositories = JsonDocument.Parse(TarFiles.File(tar, "repositories"));
        Assert.Equal(diffIds[^1].Hex, repositories.RootElement.GetProperty("alpine").GetProperty("3.20").GetString());
    }

    [Fact]
    public async Task SharedLayersAreWrittenOnce()
    {
        var first = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "base", "one");
        var second = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "base", "two");
        var archive = Temp.Combine("docker.tar");

        await WriteAsync(archive, new ArchiveImage(first, ["a:1"]), new ArchiveImage(second, ["b:1"]));

        var names = TarFiles.Read(await File.ReadAllBytesAsync(archive)).Select(f => f.Name).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Equal(2 + 2 + 3, names.Count); // manifest.json and repositories, two configs, three distinct layers
        var sink = await NewLayoutAsync("sink");
        var loaded = await ArchiveLoading.LoadAsync(archive, sink, Temp.Combine("tmp"));
        Assert.Equal([["a:1"], ["b:1"]], loaded.Select(l => l.RefNames));
    }

    [Fact]
    public async Task IndexRootIsRefusedWithAHint()
    {
        var index = await TestImages.WriteIndexAsync(Source, await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "x"));

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => WriteAsync(Temp.Combine("x.tar"), new ArchiveImage(index, ["app:1"])));

        Assert.Contains("choose a platform", error.Message);
    }

    [Fact]
    public async Task DecompressedLayerThatDoesNotMatchItsDiffIdFails()
    {
        var good = await TestImages.WriteImageAsync(Source, LayerCompression.Zstd, "amd64", "good");
        var other = await TestImages.WriteImageAsync(Source, LayerCompression.Zstd, "amd64", "other");
        var goodManifest = await TestImages.ReadManifestAsync(Source, good);
        var mixed = goodManifest with { Layers = (await TestImages.ReadManifestAsync(Source, other)).Layers };
        var mixedDescriptor = await Source.WriteBytesAsync(OciJson.Serialize(mixed), MediaTypes.OciManifest, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => WriteAsync(Temp.Combine("x.tar"), new ArchiveImage(mixedDescriptor, ["app:1"])));

        Assert.Contains("diff_id", error.Message);
    }

    private async Task WriteAsync(string path, params ArchiveImage[] images)
    {
        await using var output = File.Create(path);
        await new DockerArchiveWriter(ArchiveLoading.ScratchFiles(Temp.Combine("tmp"))).WriteAsync(output, Source, images, CancellationToken.None);
    }
}

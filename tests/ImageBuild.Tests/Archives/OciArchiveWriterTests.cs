using ImageBuild.Content;
using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Archives;

public sealed class OciArchiveWriterTests : LayoutTest
{
    [Fact]
    public async Task RoundTripKeepsManifestIndexAndConfigDigestsAndNames()
    {
        var amd64 = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "base", "app");
        var arm64 = await TestImages.WriteImageAsync(Source, LayerCompression.Zstd, "arm64", "base", "app-arm");
        var index = await TestImages.WriteIndexAsync(Source, amd64, arm64);
        var single = await TestImages.WriteImageAsync(Source, LayerCompression.None, "amd64", "other");
        var archive = Temp.Combine("images.tar");

        await WriteAsync(archive, new ArchiveImage(index, ["registry.example.com/team/app:1.0", "app:latest"]), new ArchiveImage(single, ["1.0"]));
        var sink = await NewLayoutAsync("sink");
        var loaded = await ArchiveLoading.LoadAsync(archive, sink, Temp.Combine("tmp"));

        Assert.Equal(2, loaded.Count);
        Assert.Equal(index.Digest, loaded[0].Root.Digest);
        Assert.Equal(MediaTypes.OciIndex, loaded[0].Root.MediaType);
        Assert.Equal(["registry.example.com/team/app:1.0", "app:latest"], loaded[0].RefNames);
        Assert.Equal(single.Digest, loaded[1].Root.Digest);
        Assert.Equal(["1.0"], loaded[1].RefNames);
        foreach (var manifest in new[] { amd64, arm64, single })
        {
            var parsed = await TestImages.ReadManifestAsync(Source, manifest);
            Assert.True(File.Exists(sink.BlobPath(manifest.Digest)));
            Assert.Equal(await File.ReadAllBytesAsync(Source.BlobPath(parsed.Config.Digest)), await File.ReadAllBytesAsync(sink.BlobPath(parsed.Config.Digest)));
            Assert.All(parsed.Layers, l => Assert.True(File.Exists(sink.BlobPath(l.Digest))));
        }
    }

    [Fact]
    public async Task IndexJsonNamesEveryRefAndAddsContainerdNameOnlyForFullReferences()
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "x");
        var archive = Temp.Combine("a.tar");

        await WriteAsync(archive, new ArchiveImage(image, ["docker.io/library/app:1.0", "app:2.0"]));

        var tar = await File.ReadAllBytesAsync(archive);
        Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", System.Text.Encoding.UTF8.GetString(TarFiles.File(tar, "oci-layout")));
        var entries = OciJson.ParseIndex(TarFiles.File(tar, "index.json")).Manifests;
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(image.Digest, e.Digest));
        Assert.Equal("docker.io/library/app:1.0", entries[0].Annotation(Annotations.RefName));
        Assert.Equal("docker.io/library/app:1.0", entries[0].Annotation(Annotations.ContainerdImageName));
        Assert.Equal("app:2.0", entries[1].Annotation(Annotations.RefName));
        Assert.Null(entries[1].Annotation(Annotations.ContainerdImageName));
    }

    [Fact]
    public async Task OutputIsDeterministicWithSortedBlobsAndFixedMetadata()
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "one", "two", "three");
        var first = Temp.Combine("1.tar");
        var second = Temp.Combine("2.tar");

        await WriteAsync(first, new ArchiveImage(image, ["app:1"]));
        await Task.Delay(1100);
        await WriteAsync(second, new ArchiveImage(image, ["app:1"]));

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
        using var reader = new System.Formats.Tar.TarReader(File.OpenRead(first));
        var blobNames = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            Assert.Equal(DateTimeOffset.UnixEpoch, entry.ModificationTime);
            Assert.Equal(0, entry.Uid);
            Assert.Equal(0, entry.Gid);
            if (entry.Name.StartsWith("blobs/sha256/", StringComparison.Ordinal) && entry.EntryType == System.Formats.Tar.TarEntryType.RegularFile)
            {
                blobNames.Add(entry.Name);
            }
        }

        Assert.Equal(5, blobNames.Count);
        Assert.Equal(blobNames.Order(StringComparer.Ordinal), blobNames);
    }

    [Fact]
    public async Task ChildManifestMissingFromTheSourceIsSkipped()
    {
        var amd64 = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "a");
        var arm64 = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "arm64", "b");
        var index = await TestImages.WriteIndexAsync(Source, amd64, arm64);
        File.Delete(Source.BlobPath(arm64.Digest));
        var archive = Temp.Combine("partial.tar");

        await WriteAsync(archive, new ArchiveImage(index, ["app:1"]));

        var names = TarFiles.Read(await File.ReadAllBytesAsync(archive)).Select(f => f.Name).ToList();
        Assert.Contains(ArchiveBlob(index.Digest), names);
        Assert.Contains(ArchiveBlob(amd64.Digest), names);
        Assert.DoesNotContain(ArchiveBlob(arm64.Digest), names);
        var sink = await NewLayoutAsync("sink");
        var loaded = await ArchiveLoading.LoadAsync(archive, sink, Temp.Combine("tmp"));
        Assert.Equal(index.Digest, Assert.Single(loaded).Root.Digest);
    }

    [Fact]
    public async Task CorruptSourceBlobFailsTheWrite()
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "a");
        var layer = (await TestImages.ReadManifestAsync(Source, image)).Layers[0];
        var bytes = await File.ReadAllBytesAsync(Source.BlobPath(layer.Digest));
        bytes[^1] ^= 0xff;
        await File.WriteAllBytesAsync(Source.BlobPath(layer.Digest), bytes);

        var error = await Assert.ThrowsAsync<CorruptBlobException>(() => WriteAsync(Temp.Combine("x.tar"), new ArchiveImage(image, ["app:1"])));

        Assert.Equal(layer.Digest.ToString(), error.Digest);
        Assert.Contains($"blob {layer.Digest} in {Source.RootPath} is corrupt", error.Message);
    }

    private static string ArchiveBlob(Digest digest) => $"blobs/sha256/{digest.Hex}";

    private async Task WriteAsync(string path, params ArchiveImage[] images)
    {
        await using var output = File.Create(path);
        await new OciArchiveWriter().WriteAsync(output, Source, images, CancellationToken.None);
    }
}

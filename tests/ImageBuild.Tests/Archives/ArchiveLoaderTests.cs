using System.Text;
using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Archives;

public sealed class ArchiveLoaderTests : LayoutTest
{
    private OciLayout sink = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        sink = await NewLayoutAsync("sink");
    }

    [Theory]
    [InlineData(LayerCompression.Gzip, false)]
    [InlineData(LayerCompression.Zstd, false)]
    [InlineData(LayerCompression.Gzip, true)]
    [InlineData(LayerCompression.Zstd, true)]
    public async Task CompressedArchivesLoadAndLeaveNoTemporaryFiles(LayerCompression compression, bool docker)
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "x");
        var tar = await WriteAsync(docker, new ArchiveImage(image, ["app:1"]));
        var archive = Temp.Combine("archive.tar.compressed");
        await File.WriteAllBytesAsync(archive, TestCompression.Compress(tar, compression));

        var loaded = Assert.Single(await LoadAsync(archive));

        Assert.Equal(["app:1"], loaded.RefNames);
        Assert.True(File.Exists(sink.BlobPath(loaded.Root.Digest)));
        Assert.Empty(Directory.GetFiles(Temp.Combine("tmp")));
    }

    [Fact]
    public async Task CorruptBlobFailsClearlyAndIsNotStored()
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "content");
        var layer = (await TestImages.ReadManifestAsync(Source, image)).Layers[0];
        var path = $"blobs/sha256/{layer.Digest.Hex}";
        var files = TarFiles.Read(await WriteAsync(docker: false, new ArchiveImage(image, ["app:1"])));
        var archive = await SaveAsync(files.Select(f => f.Name == path ? (f.Name, Flip(f.Content)) : f).ToArray());

        var error = await Assert.ThrowsAsync<CorruptBlobException>(() => LoadAsync(archive));

        Assert.Equal($"{path} in archive.tar is corrupt: its content has digest {Digest.Compute(Flip(TarFiles.File(TestTar.Of(files).ToArray(), path)))}; recreate the archive", error.Message);
        Assert.False(File.Exists(sink.BlobPath(layer.Digest)));
    }

    [Fact]
    public async Task CorruptDockerLayerFailsAgainstItsDiffId()
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "content");
        var files = TarFiles.Read(await WriteAsync(docker: true, new ArchiveImage(image, ["app:1"])));
        var manifest = await TestImages.ReadManifestAsync(Source, image);
        var diffId = (await TestImages.ReadConfigAsync(Source, manifest)).RootFs.DiffIds[0];
        var layerPath = $"blobs/sha256/{manifest.Layers[0].Digest.Hex}";
        var archive = await SaveAsync(files.Select(f => f.Name == layerPath ? (f.Name, Flip(f.Content)) : f).ToArray());

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => LoadAsync(archive));

        Assert.StartsWith($"layer {layerPath} (diff_id {diffId}) in archive.tar is corrupt", error.Message);
        Assert.False(File.Exists(sink.BlobPath(manifest.Layers[0].Digest)));
    }

    [Fact]
    public async Task ArchiveWithNeitherIndexNorManifestFails()
    {
        var archive = await SaveAsync(("hello.txt", "hi"u8.ToArray()));

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => LoadAsync(archive));

        Assert.Equal("archive.tar is not a docker or OCI archive: it has neither index.json nor manifest.json", error.Message);
    }

    [Fact]
    public async Task NonTarFileFailsClearly()
    {
        var archive = Temp.Combine("archive.tar");
        await File.WriteAllBytesAsync(archive, Encoding.UTF8.GetBytes(new string('x', 2000)));

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => LoadAsync(archive));

        Assert.StartsWith("archive.tar is not a readable tar archive", error.Message);
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("/etc/passwd")]
    [InlineData("blobs/../../x")]
    public async Task EntriesEscapingTheArchiveAreRejected(string name)
    {
        var archive = await SaveAsync(("manifest.json", "[]"u8.ToArray()), (name, "x"u8.ToArray()));

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => LoadAsync(archive));

        Assert.Contains("points outside the archive", error.Message);
    }

    [Fact]
    public async Task SymlinkEscapingTheArchiveIsRejected()
    {
        var tar = new TestTar().File("manifest.json", "[]").Symlink("a/layer.tar", "../../outside").ToArray();
        var archive = Temp.Combine("archive.tar");
        await File.WriteAllBytesAsync(archive, tar);

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => LoadAsync(archive));

        Assert.Contains("points outside the archive", error.Message);
    }

    [Fact]
    public async Task LegacyDockerLayoutWithLinkedDuplicateLayersAndCompressedLayerLoads()
    {
        var plain = new TestTar().File("a.txt", "a").ToArray();
        var zipped = new TestTar().File("b.txt", "b").ToArray();
        var gzip = TestCompression.Compress(zipped, LayerCompression.Gzip);
        var config = Encoding.UTF8.GetBytes(
            $$"""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["{{Digest.Compute(plain)}}","{{Digest.Compute(zipped)}}","{{Digest.Compute(plain)}}"]},"docker_version":"20.10"}""");
        var manifest = """[{"Config":"cfg.json","RepoTags":["legacy:1"],"Layers":["l1/layer.tar","l2/layer.tar","l3/layer.tar"]}]"""u8.ToArray();
        var tar = new TestTar().File("manifest.json", manifest).File("./cfg.json", config).File("l1/layer.tar", plain).File("l2/layer.tar", gzip)
            .Symlink("l3/layer.tar", "../l1/layer.tar")
            .ToArray();
        var archive = Temp.Combine("archive.tar");
        await File.WriteAllBytesAsync(archive, tar);

        var loaded = Assert.Single(await LoadAsync(archive));

        Assert.Equal(["legacy:1"], loaded.RefNames);
        var stored = await TestImages.ReadManifestAsync(sink, loaded.Root);
        Assert.Equal(Digest.Compute(config), stored.Config.Digest);
        Assert.Equal(config, await File.ReadAllBytesAsync(sink.BlobPath(stored.Config.Digest)));
        Assert.Equal(
            [(MediaTypes.OciLayer, Digest.Compute(plain)), (MediaTypes.OciLayerGzip, Digest.Compute(gzip)), (MediaTypes.OciLayer, Digest.Compute(plain))],
            stored.Layers.Select(l => (l.MediaType, l.Digest)));
    }

    [Fact]
    public async Task MissingReferencedFileFailsClearly()
    {
        var config = """{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"""u8.ToArray();
        var archive = await SaveAsync(("manifest.json", """[{"Config":"gone.json","RepoTags":null,"Layers":[]}]"""u8.ToArray()), ("c.json", config));

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => LoadAsync(archive));

        Assert.Equal("archive.tar is incomplete: manifest.json names \"gone.json\" but the archive has no such file; recreate the archive", error.Message);
    }

    [Fact]
    public async Task NamesComeFromManifestJsonWhenIndexJsonHasNone()
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "x");
        var oci = TarFiles.Read(await WriteAsync(docker: false, new ArchiveImage(image, [])));
        var docker = TarFiles.Read(await WriteAsync(docker: true, new ArchiveImage(image, ["named:1"])));
        var archive = await SaveAsync([.. oci, docker.Single(f => f.Name == "manifest.json")]);

        var loaded = Assert.Single(await LoadAsync(archive));

        Assert.Equal(image.Digest, loaded.Root.Digest);
        Assert.Equal(["named:1"], loaded.RefNames);
    }

    [Fact]
    public async Task IndexJsonNamesWinOverManifestJsonAndContainerdNameBeatsTagOnlyRefName()
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "x");
        var index = Encoding.UTF8.GetBytes($$$"""
            {"schemaVersion":2,"manifests":[{"mediaType":"{{{image.MediaType}}}","digest":"{{{image.Digest}}}","size":{{{image.Size}}},
            "annotations":{"io.containerd.image.name":"docker.io/library/app:1.0","org.opencontainers.image.ref.name":"1.0"}},
            {"mediaType":"{{{image.MediaType}}}","digest":"{{{image.Digest}}}","size":{{{image.Size}}},"annotations":{"org.opencontainers.image.ref.name":"2.0"}}]}
            """);
        var files = TarFiles.Read(await WriteAsync(docker: false, new ArchiveImage(image, [])))
            .Select(f => f.Name == "index.json" ? (f.Name, index) : f)
            .Append(TarFiles.Read(await WriteAsync(docker: true, new ArchiveImage(image, ["ignored:1"]))).Single(f => f.Name == "manifest.json"));
        var archive = await SaveAsync(files.ToArray());

        var loaded = Assert.Single(await LoadAsync(archive));

        Assert.Equal(["docker.io/library/app:1.0", "2.0"], loaded.RefNames);
        Assert.Null(loaded.Root.Annotations);
    }

    private static byte[] Flip(byte[] content)
    {
        var copy = content.ToArray();
        copy[copy.Length / 2] ^= 0x5a;
        return copy;
    }

    private async Task<byte[]> WriteAsync(bool docker, params ArchiveImage[] images)
    {
        using var output = new MemoryStream();
        if (docker)
        {
            await new DockerArchiveWriter(ArchiveLoading.ScratchFiles(Temp.Combine("tmp"))).WriteAsync(output, Source, images, CancellationToken.None);
        }
        else
        {
            await new OciArchiveWriter().WriteAsync(output, Source, images, CancellationToken.None);
        }

        return output.ToArray();
    }

    private async Task<string> SaveAsync(params (string Name, byte[] Content)[] files)
    {
        var path = Temp.Combine("archive.tar");
        await File.WriteAllBytesAsync(path, TestTar.Of(files).ToArray());
        return path;
    }

    private Task<IReadOnlyList<LoadedImage>> LoadAsync(string archive) =>
        ArchiveLoading.LoadAsync(archive, sink, Temp.Combine("tmp"));
}

using ImageBuild.Archives;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Archives;

/// <summary>
/// What the archive writers, the archive loader and the store write must validate against the OCI schemas,
/// not only read back through our own parser.
/// </summary>
public sealed class WrittenDocumentsSchemaTests(OciSchemaFixture schemas) : LayoutTest, IClassFixture<OciSchemaFixture>
{
    [Fact]
    public async Task Oci_archive_layout_files_validate()
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "x");
        var archive = Temp.Combine("a.tar");
        await using (var output = File.Create(archive))
        {
            await new OciArchiveWriter().WriteAsync(output, Source, [new ArchiveImage(image, ["docker.io/library/app:1.0"])], CancellationToken.None);
        }

        var tar = await File.ReadAllBytesAsync(archive);
        schemas.Validator.AssertValid(OciSchemaKind.Index, TarFiles.File(tar, "index.json"));
        schemas.Validator.AssertValid(OciSchemaKind.Layout, TarFiles.File(tar, "oci-layout"));
    }

    [Fact]
    public async Task The_manifest_the_loader_makes_for_a_docker_archive_validates()
    {
        var image = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "base", "app");
        var archive = Temp.Combine("docker.tar");
        await using (var output = File.Create(archive))
        {
            await new DockerArchiveWriter(ArchiveLoading.ScratchFiles(Temp.CreateDirectory("scratch"))).WriteAsync(output, Source, [new ArchiveImage(image, ["app:1.0"])], CancellationToken.None);
        }

        var sink = await NewLayoutAsync("sink");
        var loaded = Assert.Single(await ArchiveLoading.LoadAsync(archive, sink, Temp.CreateDirectory("tmp")));

        schemas.Validator.AssertValid(OciSchemaKind.Manifest, await File.ReadAllBytesAsync(sink.BlobPath(loaded.Root.Digest)));
    }

    [Fact]
    public async Task The_store_index_validates_after_tags_move_and_go()
    {
        var store = new ImageStore(Source);
        var first = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "amd64", "a");
        var second = await TestImages.WriteImageAsync(Source, LayerCompression.Gzip, "arm64", "b");
        var index = await TestImages.WriteIndexAsync(Source, first, second);

        await store.TagAsync("docker.io/library/app:1", first, CancellationToken.None);
        await store.TagAsync("docker.io/library/app:2", first, CancellationToken.None);
        await store.TagAsync("docker.io/library/app:1", second, CancellationToken.None);
        await store.TagAsync("localhost:5000/multi:1", index, CancellationToken.None);
        await store.UntagAsync("docker.io/library/app:2", cancellationToken: CancellationToken.None);

        schemas.Validator.AssertValid(OciSchemaKind.Index, await File.ReadAllBytesAsync(Source.IndexPath));
        schemas.Validator.AssertValid(OciSchemaKind.Layout, await File.ReadAllBytesAsync(Path.Combine(Source.RootPath, ImageLayoutMarker.FileName)));
    }
}

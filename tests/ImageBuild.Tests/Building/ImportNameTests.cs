using System.Formats.Tar;
using ImageBuild.Building;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Building;

/// <summary>
/// import keeps a hostile tarball's names inside the image root as docker import does ("../x" and "/x" become
/// "x"), refuses whiteouts that name no entry, and build contexts may not hold whiteout names at all.
/// </summary>
public sealed class ImportNameTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Absolute_and_climbing_names_are_kept_inside_the_root()
    {
        var tarball = temp.Combine("rootfs.tar");
        await File.WriteAllBytesAsync(tarball, new TestTar().File("../x", "x").File("/abs", "abs").File("a/../../y", "y").Directory("/etc/")
            .File("/etc/motd", "hi").Hardlink("z", "/../abs").ToArray());
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);

        var result = await new RootfsImporter(store).ImportAsync(tarball, "docker.io/library/imported:1", Options(), CancellationToken.None);

        var names = await LayerNamesAsync(store, result.Layer);
        Assert.Equal(["x", "abs", "y", "etc/", "etc/motd", "z -> abs"], names);
        Assert.Equal(result.DiffId, Digest.Compute(await LayerTarAsync(store, result.Layer)));
    }

    [Fact]
    public async Task A_clean_tarball_is_imported_byte_for_byte()
    {
        var tar = new TestTar().Directory("./etc/").File("./etc/motd", "hi").ToArray();
        var tarball = temp.Combine("rootfs.tar");
        await File.WriteAllBytesAsync(tarball, tar);
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);

        var result = await new RootfsImporter(store).ImportAsync(tarball, null, Options(), CancellationToken.None);

        Assert.Equal(Digest.Compute(tar), result.DiffId);
    }

    [Theory]
    [InlineData(".wh...")]
    [InlineData("etc/.wh..")]
    [InlineData(".wh.")]
    public async Task Whiteouts_that_name_no_entry_are_refused_and_nothing_is_stored(string name)
    {
        var tarball = temp.Combine("rootfs.tar");
        await File.WriteAllBytesAsync(tarball, new TestTar().Directory("etc/").File(name, string.Empty).ToArray());
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ImageBuildException>(
            () => new RootfsImporter(store).ImportAsync(tarball, "docker.io/library/imported:1", Options(), CancellationToken.None));

        Assert.StartsWith($"{tarball}: layer entry \"{name}\" is a whiteout", error.Message);
        Assert.Empty(await store.ListAsync(CancellationToken.None));
        Assert.Empty(TestImages.BlobFiles(store.Layout));
    }

    [Theory]
    [InlineData(".wh.passwd")]
    [InlineData(".wh..wh..opq")]
    [InlineData("sub/.wh.dir/file")]
    public async Task A_build_context_with_a_whiteout_name_is_refused_naming_it(string relative)
    {
        var context = temp.CreateDirectory("context");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(context, relative))!);
        await File.WriteAllTextAsync(Path.Combine(context, relative), "x");

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            () => new LayerWriter(new LayerOptions()).WriteAsync(LayerEntries.FromDirectory(context, "/app"), temp.CreateDirectory("tmp"), CancellationToken.None));

        Assert.Contains($"/app/{relative.Split('/')[0]}", error.Message);
        Assert.Contains("which image layers use to delete files of the layers below", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static RootfsImportOptions Options() => new() { Platform = Platform.Parse("linux/amd64"), Created = DateTimeOffset.UnixEpoch };

    private static async Task<byte[]> LayerTarAsync(ImageStore store, Descriptor layer)
    {
        await using var tar = await LayerReader.OpenAsync(await store.Layout.OpenBlobAsync(layer, CancellationToken.None), cancellationToken: CancellationToken.None);
        var bytes = new MemoryStream();
        await tar.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private static async Task<List<string>> LayerNamesAsync(ImageStore store, Descriptor layer)
    {
        var names = new List<string>();
        await using var reader = new TarReader(new MemoryStream(await LayerTarAsync(store, layer)));
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            names.Add(entry.EntryType == TarEntryType.HardLink ? $"{entry.Name} -> {entry.LinkName}" : entry.Name);
        }

        return names;
    }
}

using System.Formats.Tar;
using System.Runtime.Versioning;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Layers;

[UnsupportedOSPlatform("windows")]
public sealed class LayerFlattenerTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<string> Stacks => ["mixed", "hardlinks", "replacements"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Flattened_tar_extracts_to_what_the_extractor_makes_from_the_layers(string stack)
    {
        var layers = Layers(stack).Select(tar => TestCompression.Compress(tar, LayerCompression.Gzip)).ToList();
        var extracted = temp.CreateDirectory("extracted");
        var flattenedRoot = temp.CreateDirectory("flattened");
        await new LayerExtractor(extracted).ApplyAllAsync(layers.Select(OpenGzip), CancellationToken.None);

        var flattened = new MemoryStream();
        await LayerFlattener.FlattenAsync(layers.Select(OpenGzip).ToList(), flattened, CancellationToken.None);
        flattened.Position = 0;
        await new LayerExtractor(flattenedRoot).ApplyAsync(flattened, CancellationToken.None);

        var expected = TreeSnapshot.Of(extracted);
        Assert.NotEmpty(expected);
        Assert.Equal(TreeSnapshot.Format(expected), TreeSnapshot.Format(TreeSnapshot.Of(flattenedRoot)));
        flattened.Position = 0;
        var items = await TarContents.ReadAsync(flattened);
        Assert.DoesNotContain(items, item => Path.GetFileName(item.Name.TrimEnd('/')).StartsWith(".wh.", StringComparison.Ordinal));
        Assert.Equal(items.Count, items.Select(item => item.Name.TrimEnd('/')).Distinct().Count());
    }

    [Fact]
    public async Task Winners_keep_their_own_layer_attributes_and_paths_resolve_through_symlinks()
    {
        var layers = Layers("mixed").ToList();
        var output = new MemoryStream();

        await LayerFlattener.FlattenAsync(layers.Select(OpenPlain).ToList(), output, CancellationToken.None);

        output.Position = 0;
        var items = await TarContents.ReadAsync(output);
        Assert.Equal((UnixFileMode)0x1C0, items.Single("opt/").Mode);
        Assert.Equal(TarEntryType.RegularFile, items.Single("usr/lib/libbar.so").Type);
        Assert.DoesNotContain(items, item => item.Name.StartsWith("lib/", StringComparison.Ordinal));
        Assert.DoesNotContain(items, item => item.Name is "etc/hosts" or "data/old" or "data/sub/stale");
        var names = items.Select(item => item.Name).ToList();
        Assert.True(names.IndexOf("data/") < names.IndexOf("data/sub/fresh"));
    }

    [Fact]
    public async Task Escapes_are_refused_as_by_the_extractor()
    {
        var layers = new[] { new TestTar().Symlink("evil", "../..").ToArray(), new TestTar().File("evil/passwd", "x").ToArray() };

        var error = await Assert.ThrowsAsync<ImageBuildException>(
            () => LayerFlattener.FlattenAsync(layers.Select(OpenPlain).ToList(), new MemoryStream(), CancellationToken.None));

        Assert.Contains("evil/passwd", error.Message);
    }

    private static IEnumerable<byte[]> Layers(string stack) => stack switch
    {
        "mixed" =>
        [
            new TestTar().Directory("etc/").File("etc/passwd", "root:x:0:0").File("etc/hosts", "127.0.0.1")
                .Directory("usr/").Directory("usr/lib/").File("usr/lib/libfoo.so", "foo").Symlink("lib", "usr/lib")
                .Directory("run/").Directory("var/").Symlink("var/run", "/run")
                .Directory("data/").File("data/old", "o").Directory("data/sub/").File("data/sub/stale", "s")
                .Directory("opt/").File("opt/keep", "k").File(".hidden", "h").ToArray(),
            new TestTar().File("etc/.wh.hosts", string.Empty).File("lib/libbar.so", "bar").File("var/run/app.pid", "1")
                .Directory("data/").File("data/sub/fresh", "f").File("data/.wh..wh..opq", string.Empty).File("data/new", "n")
                .Directory("opt/", (UnixFileMode)0x1C0).File("etc/passwd", "root:x:0:0:new").File(".wh..hidden", string.Empty).ToArray(),
            new TestTar().File("usr/lib/.wh.libfoo.so", string.Empty).Directory("empty/").File("run/.wh.app.pid", string.Empty).ToArray(),
        ],
        "hardlinks" =>
        [
            new TestTar().Directory("bin/").File("bin/tool", "v1", (UnixFileMode)0x1ED).Hardlink("bin/alias", "bin/tool")
                .File("bin/gone", "g").Hardlink("bin/survivor", "bin/gone").Symlink("bin/sl", "tool").Hardlink("bin/sl-hard", "bin/sl").ToArray(),
            new TestTar().File("bin/tool", "v2", (UnixFileMode)0x1ED).File("bin/.wh.gone", string.Empty).Hardlink("bin/third", "bin/alias").ToArray(),
            new TestTar().File("bin/.wh.alias", string.Empty).Hardlink("bin/fourth", "bin/survivor").ToArray(),
        ],
        "replacements" =>
        [
            new TestTar().Directory("a/").File("a/child", "c").File("b", "file").Directory("real/").File("real/x", "x").Symlink("c", "real").ToArray(),
            new TestTar().File("a", "now a file").Directory("b/").File("b/inside", "i").Directory("c/").File("c/y", "y").Symlink("real", "c").ToArray(),
            new TestTar().File(".wh.a", string.Empty).Directory("a/").File("a/again", "again").File("real/z", "z").ToArray(),
            new TestTar().File("b", "file again").File("b/.wh.inside", string.Empty).ToArray(),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(stack)),
    };

    // Through LayerReader, as real blobs are read: a non-seekable decompressing stream.
    private static Func<CancellationToken, Task<Stream>> OpenGzip(byte[] blob) =>
        cancellationToken => LayerReader.OpenAsync(new MemoryStream(blob, writable: false), cancellationToken: cancellationToken);

    private static Func<CancellationToken, Task<Stream>> OpenPlain(byte[] tar) =>
        _ => Task.FromResult<Stream>(new MemoryStream(tar, writable: false));
}

using System.Runtime.Versioning;
using ImageBuild.Errors;
using ImageBuild.Layers;

namespace ImageBuild.Tests.Layers;

[UnsupportedOSPlatform("windows")]
public sealed class LayerExtractorTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string root;
    private readonly string outside;

    public LayerExtractorTests()
    {
        root = temp.CreateDirectory("root");
        outside = temp.CreateDirectory("outside");
        File.WriteAllText(Path.Combine(outside, "passwd"), "host");
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Whiteout_deletes_lower_file_and_directory_subtree()
    {
        await ExtractAsync(
            new TestTar().Directory("etc/").File("etc/hosts", "h").File("etc/keep", "k").Directory("var/cache/").File("var/cache/x", "x").ToArray(),
            new TestTar().File("etc/.wh.hosts", string.Empty).File("var/.wh.cache", string.Empty).ToArray());

        Assert.False(File.Exists(Path.Combine(root, "etc/hosts")));
        Assert.True(File.Exists(Path.Combine(root, "etc/keep")));
        Assert.False(Directory.Exists(Path.Combine(root, "var/cache")));
        Assert.True(Directory.Exists(Path.Combine(root, "var")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root, ".wh.*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Opaque_marker_hides_lower_children_wherever_it_sits(bool markerFirst)
    {
        var upper = new TestTar().Directory("data/");
        if (markerFirst)
        {
            upper.File("data/.wh..wh..opq", string.Empty);
        }

        upper.File("data/new", "n").File("data/sub/fresh", "f");
        if (!markerFirst)
        {
            upper.File("data/.wh..wh..opq", string.Empty);
        }

        await ExtractAsync(
            new TestTar().Directory("data/").File("data/old", "o").Directory("data/sub/").File("data/sub/stale", "s").File("other", "x").ToArray(),
            upper.ToArray());

        Assert.Equal(["data/new", "data/sub", "data/sub/fresh"], Entries("data"));
        Assert.True(File.Exists(Path.Combine(root, "other")));
    }

    [Fact]
    public async Task Directory_over_directory_keeps_contents_and_takes_new_attributes()
    {
        await ExtractAsync(
            new TestTar().Directory("opt/", (UnixFileMode)0x1ED).File("opt/keep", "k").ToArray(),
            new TestTar().Directory("opt/", (UnixFileMode)0x1C0).ToArray());

        Assert.True(File.Exists(Path.Combine(root, "opt/keep")));
        Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(Path.Combine(root, "opt")));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000).UtcDateTime, Directory.GetLastWriteTimeUtc(Path.Combine(root, "opt")));
    }

    [Fact]
    public async Task File_replaces_directory_and_directory_replaces_file_and_symlink()
    {
        await ExtractAsync(
            new TestTar().Directory("a/").File("a/child", "c").File("b", "file").Directory("real/").Symlink("c", "real").ToArray(),
            new TestTar().File("a", "now a file").Directory("b/").File("b/inside", "i").Directory("c/").ToArray());

        Assert.Equal("now a file", File.ReadAllText(Path.Combine(root, "a")));
        Assert.True(Directory.Exists(Path.Combine(root, "b")));
        Assert.Equal("i", File.ReadAllText(Path.Combine(root, "b/inside")));
        Assert.Null(new DirectoryInfo(Path.Combine(root, "c")).LinkTarget);
        Assert.True(Directory.Exists(Path.Combine(root, "c")));
    }

    [Fact]
    public async Task Whiteouts_below_a_directory_the_same_layer_made_a_file_change_nothing()
    {
        // umoci's repack writes this when a directory becomes a file: the file, then whiteouts of the old children.
        await ExtractAsync(
            new TestTar().Directory("swap/").File("swap/inner", "i").ToArray(),
            new TestTar().File("swap", "now a file").File("swap/.wh.inner", string.Empty).ToArray());

        Assert.Equal("now a file", File.ReadAllText(Path.Combine(root, "swap")));
        Assert.Equal(["swap"], Entries(string.Empty));
    }

    [Fact]
    public async Task Files_keep_mode_mtime_and_links()
    {
        await ExtractAsync(new LayerExtractorOptions { PreserveOwnership = true }, new TestTar()
            .File("bin/tool", "t", (UnixFileMode)0x9ED) // 04755
            .Hardlink("bin/alias", "/bin/tool")
            .Symlink("usr/bin", "../bin")
            .ToArray());

        var tool = Path.Combine(root, "bin/tool");
        Assert.Equal((UnixFileMode)0x9ED, File.GetUnixFileMode(tool));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000).UtcDateTime, File.GetLastWriteTimeUtc(tool));
        Assert.Equal(UnixNative.TryGetIdentity(tool)!.Value.Inode, UnixNative.TryGetIdentity(Path.Combine(root, "bin/alias"))!.Value.Inode);
        Assert.Equal("../bin", new FileInfo(Path.Combine(root, "usr/bin")).LinkTarget);
    }

    [Fact]
    public async Task Writes_through_symlinks_stay_inside_the_root()
    {
        await ExtractAsync(
            new TestTar().Directory("usr/lib/").Symlink("lib", "usr/lib").Directory("run/").Directory("var/").Symlink("var/run", "/run")
                .Symlink("host", outside).ToArray(),
            new TestTar().File("lib/libfoo.so", "foo").File("var/run/app.pid", "1").File("host/passwd", "rooted").ToArray());

        Assert.Equal("foo", File.ReadAllText(Path.Combine(root, "usr/lib/libfoo.so")));
        Assert.Equal("1", File.ReadAllText(Path.Combine(root, "run/app.pid")));
        Assert.Equal("rooted", File.ReadAllText(Path.Combine(root, outside.TrimStart('/'), "passwd")));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Deleting_a_directory_never_follows_symlinks_inside_it()
    {
        await ExtractAsync(
            new TestTar().Directory("d/").Symlink("d/absolute", outside).Symlink("d/relative", "../../outside").Symlink("d/rooted", "/").ToArray(),
            new TestTar().File(".wh.d", string.Empty).File("e/.wh..wh..opq", string.Empty).ToArray(),
            new TestTar().Symlink("e/up", "../..").Directory("f/").Symlink("f/host", outside).ToArray(),
            new TestTar().File("f", "file replaces directory").File("e/.wh..wh..opq", string.Empty).ToArray());

        Assert.Equal(["e", "f"], Entries(string.Empty));
        AssertOutsideUntouched();
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/../../evil")]
    [InlineData("/../evil")]
    public async Task Dot_dot_escapes_are_refused(string name)
    {
        var error = await Assert.ThrowsAsync<ImageBuildException>(() => ExtractAsync(new TestTar().File(name, "x").ToArray()));

        Assert.Contains(name, error.Message);
        Assert.False(File.Exists(Path.Combine(temp.Path, "evil")));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Absolute_names_land_under_the_root()
    {
        await ExtractAsync(new TestTar().File("/etc/motd", "hi").File("./etc/./issue", "i").ToArray());

        Assert.Equal("hi", File.ReadAllText(Path.Combine(root, "etc/motd")));
        Assert.Equal("i", File.ReadAllText(Path.Combine(root, "etc/issue")));
    }

    [Theory]
    [InlineData("../../outside")]
    [InlineData("../../../../../../..")]
    [InlineData("loop")]
    public async Task Writes_through_escaping_or_looping_symlinks_are_refused(string target)
    {
        var lower = new TestTar().Symlink("evil", target).Symlink("loop", "evil").ToArray();
        var upper = new TestTar().File("evil/passwd", "pwned").ToArray();

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => ExtractAsync(lower, upper));

        Assert.Contains("evil/passwd", error.Message);
        AssertOutsideUntouched();
    }

    [Theory]
    [InlineData("../../outside/passwd")]
    [InlineData("escape/outside/passwd")]
    [InlineData("etc")]
    [InlineData("missing")]
    public async Task Hardlinks_outside_the_root_to_directories_or_to_nothing_are_refused(string target)
    {
        var layer = new TestTar().Directory("etc/").Symlink("escape", "../..").Hardlink("h", target).ToArray();

        await Assert.ThrowsAsync<ImageBuildException>(() => ExtractAsync(layer));

        Assert.False(File.Exists(Path.Combine(root, "h")));
        Assert.Equal(1u, UnixNative.TryGetIdentity(Path.Combine(outside, "passwd"))!.Value.LinkCount);
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Devices_set_id_bits_and_foreign_owners_are_dropped_by_default_even_for_root()
    {
        var layer = new TestTar().CharacterDevice("dev/mem", 1, 1).File("bin/su", "su", (UnixFileMode)0x9ED, owner: 4242)
            .Fifo("run/fifo").ToArray();

        await ExtractAsync(layer);

        Assert.False(File.Exists(Path.Combine(root, "dev/mem")));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(root, "bin/su")));
        Assert.Equal(UnixNative.TryGetIdentity(root)!.Value.Uid, (uint)OwnerOf("bin/su"));
        Assert.Equal(0x1000u, UnixNative.TryGetIdentity(Path.Combine(root, "run/fifo"))!.Value.Mode & 0xF000);
    }

    [Fact]
    public async Task Devices_set_id_bits_and_owners_are_kept_when_asked_and_allowed()
    {
        // The test suite runs as root (eng/test.sh): only root may create devices and give files away.
        var layer = new TestTar().CharacterDevice("dev/null", 1, 3).File("bin/su", "su", (UnixFileMode)0x9ED, owner: 4242).ToArray();

        await ExtractAsync(new LayerExtractorOptions { PreserveOwnership = true, CreateDevices = true }, layer);

        Assert.Equal(0x2000u, UnixNative.TryGetIdentity(Path.Combine(root, "dev/null"))!.Value.Mode & 0xF000);
        Assert.Equal((UnixFileMode)0x9ED, File.GetUnixFileMode(Path.Combine(root, "bin/su")));
        Assert.Equal(4242, OwnerOf("bin/su"));
    }

    [Theory]
    [InlineData(".wh...")]
    [InlineData("sub/.wh...")]
    [InlineData(".wh..")]
    [InlineData("sub/.wh..")]
    [InlineData("sub/.wh.")]
    public async Task Whiteouts_of_dot_dot_dot_or_nothing_are_refused_and_touch_nothing(string whiteout)
    {
        await ExtractAsync(new TestTar().Directory("sub/").File("sub/keep", "k").ToArray());
        var canary = TreeSnapshot.Of(temp.Path);

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => ExtractAsync(new TestTar().File(whiteout, string.Empty).ToArray()));

        Assert.Contains(whiteout, error.Message);
        Assert.Equal(TreeSnapshot.Format(canary), TreeSnapshot.Format(TreeSnapshot.Of(temp.Path)));
    }

    [Fact]
    public async Task Directory_attributes_never_land_on_a_host_directory_a_later_symlink_points_at()
    {
        var hostDirectory = Directory.CreateDirectory(Path.Combine(outside, "b")).FullName;
        File.SetUnixFileMode(hostDirectory, (UnixFileMode)0x1ED);
        var hostTime = Directory.GetLastWriteTimeUtc(hostDirectory);
        var canary = TreeSnapshot.Of(outside);
        var layer = new TestTar().Directory("a/").Directory("a/b/", (UnixFileMode)0x1FF).Symlink("a", outside).ToArray();

        await ExtractAsync(new LayerExtractorOptions { PreserveOwnership = true }, layer);

        Assert.Equal(TreeSnapshot.Format(canary), TreeSnapshot.Format(TreeSnapshot.Of(outside)));
        Assert.Equal(hostTime, Directory.GetLastWriteTimeUtc(hostDirectory));
        Assert.Equal(outside, new FileInfo(Path.Combine(root, "a")).LinkTarget);
    }

    private Task ExtractAsync(params byte[][] layers) => ExtractAsync(new LayerExtractorOptions(), layers);

    private Task ExtractAsync(LayerExtractorOptions options, params byte[][] layers) =>
        new LayerExtractor(root, options).ApplyAllAsync(layers.Select(Open), CancellationToken.None);

    private static Func<CancellationToken, Task<Stream>> Open(byte[] layer) => _ => Task.FromResult<Stream>(new MemoryStream(layer, writable: false));

    private int OwnerOf(string relative) => (int)UnixNative.TryGetIdentity(Path.Combine(root, relative))!.Value.Uid;

    private List<string> Entries(string relative) =>
        TreeSnapshot.Of(root).Keys.Where(path => relative.Length == 0 || path.StartsWith(relative + "/", StringComparison.Ordinal)).ToList();

    private void AssertOutsideUntouched()
    {
        Assert.Equal(["passwd"], Directory.EnumerateFileSystemEntries(outside).Select(Path.GetFileName));
        Assert.Equal("host", File.ReadAllText(Path.Combine(outside, "passwd")));
        Assert.Equal(["outside", "root"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}

using System.Runtime.Versioning;
using ImageBuild.Errors;
using ImageBuild.Layers;

namespace ImageBuild.Tests.Layers;

[UnsupportedOSPlatform("windows")]
public sealed class LayerEntriesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Destination_parents_dot_files_links_and_hardlinks_become_entries()
    {
        var source = temp.CreateDirectory("src");
        SampleTree.Create(source, reverseOrder: false, mtime: DateTime.UtcNow);

        var entries = LayerEntries.FromDirectory(source, "/srv/app/", uid: 1000, gid: 1000);

        var byPath = entries.ToDictionary(entry => entry.Path);
        Assert.Equal(LayerEntryType.Directory, byPath["srv"].Type);
        Assert.Equal(LayerEntryType.Directory, byPath["srv/app"].Type);
        Assert.Equal(LayerEntryType.Directory, byPath["srv/app/empty"].Type);
        Assert.Equal(Path.Combine(source, ".hidden"), byPath["srv/app/.hidden"].SourcePath);
        Assert.Equal((LayerEntryType.Symlink, "/etc"), (byPath["srv/app/etc-link"].Type, byPath["srv/app/etc-link"].LinkTarget));
        Assert.Equal((LayerEntryType.Hardlink, "srv/app/bin/tool"), (byPath["srv/app/bin/tool-copy"].Type, byPath["srv/app/bin/tool-copy"].LinkTarget));
        Assert.Equal(LayerEntryType.File, byPath["srv/app/bin/tool"].Type);
        Assert.All(entries, entry => Assert.Equal((1000, 1000), (entry.Uid, entry.Gid)));
        Assert.All(entries, entry => Assert.Null(entry.Mode));
        Assert.Equal(entries.Select(entry => entry.Path).Order(LayerPath.Comparer), entries.Select(entry => entry.Path));
    }

    [Fact]
    public void Symlinked_directories_are_not_followed()
    {
        var source = temp.CreateDirectory("src");
        var elsewhere = temp.CreateDirectory("elsewhere");
        File.WriteAllText(Path.Combine(elsewhere, "secret"), "s");
        Directory.CreateSymbolicLink(Path.Combine(source, "linked"), elsewhere);

        var entries = LayerEntries.FromDirectory(source);

        var entry = Assert.Single(entries);
        Assert.Equal((LayerEntryType.Symlink, "linked", elsewhere), (entry.Type, entry.Path, entry.LinkTarget));
    }

    [Fact]
    public void Missing_directory_and_climbing_destination_are_refused()
    {
        Assert.Throws<NotFoundException>(() => LayerEntries.FromDirectory(temp.Combine("missing")));
        Assert.Throws<InvalidInputException>(() => LayerEntries.FromDirectory(temp.Path, "/app/../.."));
    }

    [Fact]
    public void Paths_are_cleaned_and_sorted_segment_by_segment()
    {
        Assert.Equal("a/b", LayerPath.Normalize("//a/./b/"));
        Assert.Equal(string.Empty, LayerPath.Normalize("/"));
        string[] paths = ["a-b", "a/b", "a", "a/b/c", "a.b", "B"];

        Assert.Equal(["B", "a", "a/b", "a/b/c", "a-b", "a.b"], paths.Order(LayerPath.Comparer));
    }
}

namespace ImageBuild.Tests.Architecture;

/// <summary>The folder map in docs/architecture.md names every folder of src/, so the doc cannot fall behind the code.</summary>
public sealed class FolderMapTests
{
    [Fact]
    public void Every_source_folder_is_in_the_architecture_docs_folder_map()
    {
        var root = RepositoryRoot();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        var source = Path.Combine(root, "src");
        var folders = Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(source, d).Replace('\\', '/'))
            .Where(d => d.Contains('/', StringComparison.Ordinal))
            .Where(d => !d.Split('/').Any(part => part is "bin" or "obj" or "build"));

        var missing = folders.Where(f => !doc.Contains(f + " ", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"add these folders to the map in docs/architecture.md: {string.Join(", ", missing)}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ImageBuild.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ImageBuild.sln not found above the test assembly");
    }
}

using System.Security.Cryptography;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// Describes a directory tree so that trees made by different tools (GNU tar, umoci, ImageBuild) can be
/// compared line by line: every path below the root with its type, permission bits, owner, symlink target,
/// content hash, and which hardlink group it belongs to. Modification times are left out on purpose.
/// </summary>
public static class FileTreeSnapshot
{
    private const int FieldsPerEntry = 6;

    /// <summary>One line per path, sorted by path; the root itself is not described.</summary>
    public static async Task<IReadOnlyList<string>> DescribeAsync(string root)
    {
        // GNU find reads the metadata (lstat) that .NET has no API for: owner and inode.
        var output = await ProcessRunner.OutputOfAsync("find", root, "-mindepth", "1", "-printf", "%P\\0%y\\0%m\\0%U:%G\\0%l\\0%i\\0\\n");
        var entries = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\0'))
            .Select(fields => fields.Length > FieldsPerEntry
                ? new Entry(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5])
                : throw new InvalidOperationException($"unexpected find output line: {string.Join('|', fields)}"))
            .OrderBy(entry => entry.Path, StringComparer.Ordinal)
            .ToList();

        // A hardlink group is named by its first path, which is the same in two trees that link alike.
        var groupNames = entries.Where(e => e.Type == "f")
            .GroupBy(e => e.Inode)
            .ToDictionary(g => g.Key, g => g.Count() > 1 ? g.First().Path : null);

        return entries.Select(entry => entry.Type switch
        {
            "f" => $"{entry.Path} f {entry.Mode} {entry.Owner} sha256:{Hash(Path.Combine(root, entry.Path))}"
                + (groupNames[entry.Inode] is { } group ? $" linked-with:{group}" : string.Empty),
            "l" => $"{entry.Path} l {entry.Owner} -> {entry.LinkTarget}",
            _ => $"{entry.Path} {entry.Type} {entry.Mode} {entry.Owner}",
        }).ToList();
    }

    /// <summary>Fails with the first differing lines of the two trees when they differ.</summary>
    public static async Task AssertSameAsync(string expectedRoot, string actualRoot)
    {
        var expected = await DescribeAsync(expectedRoot);
        var actual = await DescribeAsync(actualRoot);
        Assert.NotEmpty(expected);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"{actualRoot} differs from {expectedRoot}\n--- only in expected ---\n{string.Join('\n', missing)}\n--- only in actual ---\n{string.Join('\n', extra)}");
    }

    private static string Hash(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    private sealed record Entry(string Path, string Type, string Mode, string Owner, string LinkTarget, string Inode);
}

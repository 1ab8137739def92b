using System.Formats.Tar;

namespace ImageBuild.Layers;

/// <summary>
/// Writes the final filesystem of a stack of layers as one tar (whiteouts applied, whiteout files dropped)
/// without extracting anything. Pass 1 reads only headers to learn which entry supplies each final path;
/// pass 2 streams the layers again and copies those entries. Memory grows with the number of paths, never
/// with content. The output matches what <see cref="LayerExtractor"/> produces on disk from the same layers.
/// </summary>
public static class LayerFlattener
{
    private const UnixFileMode DefaultDirectoryMode = (UnixFileMode)0x1ED; // 0755

    /// <summary>
    /// Flattens <paramref name="layers"/> (base first) into <paramref name="output"/> as an uncompressed tar.
    /// Each function opens one layer's uncompressed tar and is called twice, once per pass.
    /// </summary>
    public static async Task FlattenAsync(
        IReadOnlyList<Func<CancellationToken, Task<Stream>>> layers,
        Stream output,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(output);
        var tree = new FlattenTree();
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var ordinal = 0;
            await foreach (var entry in ReadEntriesAsync(layers[layer], cancellationToken))
            {
                tree.Apply(entry, layer, ordinal++);
            }
        }

        var (directories, emissions) = Plan(tree);
        var writer = new TarHeaderWriter(output);
        foreach (var directory in directories)
        {
            await writer.WriteEntryAsync(directory, null, cancellationToken);
        }

        for (var layer = 0; layer < layers.Count; layer++)
        {
            var ordinal = 0;
            await foreach (var entry in ReadEntriesAsync(layers[layer], cancellationToken))
            {
                if (!emissions.TryGetValue((layer, ordinal++), out var emission))
                {
                    continue;
                }

                var header = TarHeaders.FromEntry(entry, emission.Path);
                if (emission.HardlinkTo is { } target)
                {
                    await writer.WriteEntryAsync(header with { Type = TarEntryType.HardLink, LinkName = target, Size = 0 }, null, cancellationToken);
                }
                else
                {
                    await writer.WriteEntryAsync(header, entry.DataStream, cancellationToken);
                }
            }
        }

        await writer.WriteEndAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private static async IAsyncEnumerable<TarEntry> ReadEntriesAsync(
        Func<CancellationToken, Task<Stream>> open,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var tar = await open(cancellationToken);
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await NextEntryAsync(reader, tar, cancellationToken) is { } entry)
        {
            yield return entry;
        }

        await LayerReader.DrainAsync(tar, cancellationToken);
    }

    private static async Task<TarEntry?> NextEntryAsync(TarReader reader, Stream tar, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.GetNextEntryAsync(copyData: false, cancellationToken);
        }
        catch (Exception ex) when (LayerReader.IsMalformedContent(ex))
        {
            throw await LayerReader.MalformedAsync(tar, ex, cancellationToken);
        }
    }

    /// <summary>
    /// Directories are written first, parents before children, from their stored headers; every other path is
    /// written when pass 2 reaches the entry that supplies it. Hardlinked content goes out under the original
    /// path if it survived, else under the first surviving link, and the other links point at that path.
    /// </summary>
    private static (List<TarHeader> Directories, Dictionary<(int, int), Emission> Emissions) Plan(FlattenTree tree)
    {
        var directories = new List<TarHeader>();
        var emissions = new Dictionary<(int, int), Emission>();
        var groups = new List<HardlinkGroup>();
        var seenGroups = new HashSet<HardlinkGroup>(ReferenceEqualityComparer.Instance);
        var paths = new Dictionary<FlattenNode, string>(ReferenceEqualityComparer.Instance);
        foreach (var node in tree.Walk())
        {
            var path = node.Path;
            if (node.Kind == TreeNodeKind.Directory)
            {
                directories.Add(node.DirectoryHeader ?? new TarHeader { Name = path + "/", Type = TarEntryType.Directory, Mode = DefaultDirectoryMode });
            }
            else if (node.Group is { } group)
            {
                paths[node] = path;
                if (seenGroups.Add(group))
                {
                    groups.Add(group);
                }
            }
            else
            {
                emissions[(node.Layer, node.Ordinal)] = new Emission(path, null);
            }
        }

        foreach (var group in groups)
        {
            var primary = group.Links.Contains(group.Original)
                ? group.Original
                : group.Links.OrderBy(link => paths[link], LayerPath.Comparer).First();
            emissions[(group.Layer, group.Ordinal)] = new Emission(paths[primary], null);
            foreach (var link in group.Links.Where(link => !ReferenceEquals(link, primary)))
            {
                emissions[(link.Layer, link.Ordinal)] = new Emission(paths[link], paths[primary]);
            }
        }

        return (directories, emissions);
    }

    private sealed record Emission(string Path, string? HardlinkTo);
}

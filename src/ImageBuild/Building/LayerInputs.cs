using ImageBuild.Errors;
using ImageBuild.Layers;

namespace ImageBuild.Building;

/// <summary>The layer entries a <see cref="LayerSpec"/> stands for, read from disk once per build.</summary>
internal static class LayerInputs
{
    public static IReadOnlyList<LayerEntry> Resolve(LayerSpec spec)
    {
        var entries = new List<LayerEntry>();
        var seenDirectories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in spec.Sources)
        {
            foreach (var entry in EntriesOf(source))
            {
                // Several sources under one destination each bring that destination's directories.
                if (entry.Type == LayerEntryType.Directory && !seenDirectories.Add(entry.Path))
                {
                    continue;
                }

                entries.Add(entry);
            }
        }

        return entries;
    }

    private static IEnumerable<LayerEntry> EntriesOf(LayerSource source)
    {
        if (Directory.Exists(source.SourcePath))
        {
            return LayerEntries.FromDirectory(source.SourcePath, source.Destination, source.Uid, source.Gid)
                .Select(e => e.Type == LayerEntryType.File && source.Mode is { } mode ? e with { Mode = mode } : e);
        }

        if (!File.Exists(source.SourcePath))
        {
            throw new NotFoundException($"layer source {source.SourcePath} does not exist: check the path (publish the project first if it is build output)");
        }

        var destination = source.Destination.EndsWith('/')
            ? source.Destination + Path.GetFileName(source.SourcePath)
            : source.Destination;
        return [LayerEntry.File(destination, Path.GetFullPath(source.SourcePath), source.Mode) with { Uid = source.Uid, Gid = source.Gid }];
    }
}

using System.Formats.Tar;
using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>
/// Entry names of a tar made elsewhere (a root filesystem to import), kept inside the image root as
/// <c>docker import</c> keeps them: a leading "/" is dropped and ".." stops at the root, so "../x" and "/x"
/// both become "x". Whiteouts that name no single entry (".wh..", ".wh...", ".wh.") are refused.
/// </summary>
internal static class ForeignTarNames
{
    /// <summary>
    /// Checks every name of <paramref name="tar"/> (headers only) and tells whether any must change: one that is
    /// absolute or climbs with "..", or a hardlink target that does. Throws for a whiteout that names no entry.
    /// </summary>
    public static async Task<bool> NeedsCleaningAsync(Stream tar, string source, CancellationToken cancellationToken = default)
    {
        var needed = false;
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            try
            {
                LayerEntryName.Parse(entry.Name, Clean(entry.Name));
            }
            catch (ImageBuildException ex)
            {
                throw new ImageBuildException($"{source}: {ex.Message}", ex);
            }

            needed |= IsUnclean(entry.Name) || (entry.EntryType == TarEntryType.HardLink && IsUnclean(entry.LinkName));
        }

        return needed;
    }

    /// <summary>Copies <paramref name="tar"/> to <paramref name="output"/> with every name and hardlink target cleaned.</summary>
    public static async Task RewriteAsync(Stream tar, Stream output, CancellationToken cancellationToken = default)
    {
        var writer = new TarHeaderWriter(output);
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            var name = Clean(entry.Name);
            if (name.Length == 0)
            {
                // The root itself ("/", "./", "..") carries nothing a layer can apply.
                continue;
            }

            var header = TarHeaders.FromEntry(entry, entry.EntryType == TarEntryType.Directory ? name + "/" : name);
            if (entry.EntryType == TarEntryType.HardLink)
            {
                header = header with { LinkName = Clean(entry.LinkName) };
            }

            await writer.WriteEntryAsync(header, entry.DataStream, cancellationToken);
        }

        await writer.WriteEndAsync(cancellationToken);
    }

    /// <summary>The name inside the root: "/", "." and empty segments dropped, ".." resolved and stopped at the root.</summary>
    public static string Clean(string name)
    {
        var segments = new List<string>();
        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        return string.Join('/', segments);
    }

    private static bool IsUnclean(string name) => name.StartsWith('/') || name.Split('/').Contains("..");
}

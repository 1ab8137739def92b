using System.Formats.Tar;
using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>
/// A tar entry name split into its clean parent segments and final name, with its whiteout meaning:
/// ".wh.NAME" deletes NAME from lower layers and ".wh..wh..opq" hides every lower child of its directory.
/// </summary>
internal sealed record LayerEntryName(string Original, IReadOnlyList<string> Parent, string Name, LayerEntryRole Role)
{
    public const string WhiteoutPrefix = ".wh.";
    public const string OpaqueMarker = ".wh..wh..opq";
    private const string MetadataPrefix = ".wh..wh.";

    /// <summary>For a whiteout, the name it deletes.</summary>
    public string WhiteoutTarget => Name[WhiteoutPrefix.Length..];

    public static LayerEntryName Parse(TarEntry entry) => Parse(entry.Name, entry.Name);

    /// <summary>Parses <paramref name="name"/>, reporting errors as about <paramref name="original"/> (the name as the tar has it).</summary>
    public static LayerEntryName Parse(string original, string name)
    {
        var segments = LayerPath.SplitArchiveName(name);
        if (segments.Count == 0)
        {
            return new LayerEntryName(original, [], string.Empty, LayerEntryRole.Root);
        }

        var last = segments[^1];
        segments.RemoveAt(segments.Count - 1);
        var role = last switch
        {
            OpaqueMarker => LayerEntryRole.Opaque,
            // Other ".wh..wh." names are aufs bookkeeping, meaningless outside aufs.
            _ when last.StartsWith(MetadataPrefix, StringComparison.Ordinal) => LayerEntryRole.Ignored,
            _ when last.StartsWith(WhiteoutPrefix, StringComparison.Ordinal) => LayerEntryRole.Whiteout,
            _ => LayerEntryRole.Content,
        };
        var parsed = new LayerEntryName(original, segments, last, role);
        if (role == LayerEntryRole.Whiteout && !IsSingleName(parsed.WhiteoutTarget))
        {
            // ".wh..." would delete the parent of the directory being written, ".wh.." the directory itself.
            throw new ImageBuildException($"layer entry \"{original}\" is a whiteout of \"{parsed.WhiteoutTarget}\", which names no entry inside its directory: the layer is malformed or hostile; rebuild it from a trusted source");
        }

        return parsed;
    }

    /// <summary>Whether <paramref name="name"/> names one entry inside a directory: not empty, ".", "..", nor holding a separator.</summary>
    public static bool IsSingleName(string name) => name is not ("" or "." or "..") && !name.Contains('/') && !name.Contains('\0');
}

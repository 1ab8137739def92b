using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Building;

/// <summary>
/// The keys of a layer in the <see cref="Store.LayerCache"/>. The quick key covers source paths, sizes and
/// mtimes, so an untouched folder needs no hashing; the identity key covers what the plan vouches the files are
/// (<see cref="LayerSpec.SourceIdentity"/>: packages and their hashes) with image paths, sizes and mtimes but no
/// host path, so the same packages published from any folder need no hashing; the content key covers what ends
/// up in the tar (image paths, modes, owners, sizes, content hashes) and the layer options, so the same files
/// anywhere hit. The version changes when records gain what older ones lack (v2: the files' hashes), so an old
/// record is a miss.
/// </summary>
internal static class LayerCacheKey
{
    private const string Version = "imagebuild-layer-cache-v2";

    public static string Quick(LayerSpec spec, IReadOnlyList<LayerEntry> entries, LayerOptions options)
    {
        var text = new StringBuilder(Version).Append('\n').Append(Describe(options)).Append('\n');
        if (spec.TarFile is { } tar)
        {
            AppendQuickFile(text.Append("tar "), Path.GetFullPath(tar));
        }

        foreach (var entry in entries)
        {
            AppendShape(text, entry);
            if (entry.SourcePath is { } source)
            {
                AppendQuickFile(text.Append(' '), source);
            }

            text.Append('\n');
        }

        return Hash(text.ToString());
    }

    /// <summary>Null when the spec has no <see cref="LayerSpec.SourceIdentity"/>.</summary>
    public static string? Identity(LayerSpec spec, IReadOnlyList<LayerEntry> entries, LayerOptions options)
    {
        if (spec.SourceIdentity is not { } identity || spec.TarFile is not null)
        {
            return null;
        }

        var text = new StringBuilder(Version).Append('\n').Append(Describe(options)).Append('\n')
            .Append("identity ").Append(identity).Append('\n');
        foreach (var entry in entries)
        {
            AppendShape(text, entry);
            if (entry.SourcePath is { } source)
            {
                var info = new FileInfo(source);
                text.Append(' ').Append(info.Length.ToString(CultureInfo.InvariantCulture))
                    .Append(' ').Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return Hash(text.ToString());
    }

    /// <summary>
    /// What the content key covers except the file contents (image paths, modes, owners, sizes, options): when no
    /// cached layer had this shape, no content key can hit, so the files need not be read before the tar is.
    /// Null for a layer from a tar file, whose content key is the tar's hash.
    /// </summary>
    public static string? Shape(LayerSpec spec, IReadOnlyList<LayerEntry> entries, LayerOptions options)
    {
        if (spec.TarFile is not null)
        {
            return null;
        }

        var text = new StringBuilder(Version).Append('\n').Append(Describe(options)).Append("\nshape\n");
        foreach (var entry in entries)
        {
            AppendShape(text, entry);
            if (entry.SourcePath is { } source)
            {
                text.Append(' ').Append(SourceFiles.SizeAndTime(source).Length.ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return Hash(text.ToString());
    }

    public static Task<string> ContentAsync(LayerSpec spec, IReadOnlyList<LayerEntry> entries, LayerOptions options, CancellationToken cancellationToken = default) =>
        ContentAsync(spec, entries, options, HashFileAsync, cancellationToken);

    /// <param name="hashSource">The lower-case hex SHA-256 of a source file's content.</param>
    public static async Task<string> ContentAsync(
        LayerSpec spec,
        IReadOnlyList<LayerEntry> entries,
        LayerOptions options,
        Func<string, CancellationToken, Task<string>> hashSource,
        CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder(Version).Append('\n').Append(Describe(options)).Append('\n');
        if (spec.TarFile is { } tar)
        {
            text.Append("tar ").Append(await HashFileAsync(tar, cancellationToken)).Append('\n');
        }

        foreach (var entry in entries)
        {
            AppendShape(text, entry);
            if (entry.SourcePath is { } source)
            {
                text.Append(' ').Append(SourceFiles.SizeAndTime(source).Length.ToString(CultureInfo.InvariantCulture))
                    .Append(' ').Append(await hashSource(source, cancellationToken));
            }

            text.Append('\n');
        }

        return Hash(text.ToString());
    }

    private static string Describe(LayerOptions options) =>
        string.Join(' ', options.Compression, options.GzipLevel, options.ZstdLevel.ToString(CultureInfo.InvariantCulture),
            options.DockerMediaTypes, options.Timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    private static void AppendShape(StringBuilder text, LayerEntry entry)
    {
        // A null mode means "from the source", where only the execute bits matter.
        var mode = entry.Mode ?? (entry.SourcePath is { } source && !OperatingSystem.IsWindows()
            ? SourceFiles.Mode(source) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)
            : 0);
        text.Append(entry.Type).Append(' ').Append(entry.Path).Append(' ').Append(((int)mode).ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(entry.Uid.ToString(CultureInfo.InvariantCulture)).Append(':').Append(entry.Gid.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(entry.LinkTarget ?? "-")
            .Append(' ').Append(entry.ModificationTime?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "-");
    }

    private static void AppendQuickFile(StringBuilder text, string path)
    {
        var (length, modified) = SourceFiles.SizeAndTime(path);
        text.Append(path).Append(' ').Append(length.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(modified.Ticks.ToString(CultureInfo.InvariantCulture));
    }

    public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = SourceFiles.OpenRead(path, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return (await Digest.ComputeAsync(stream, cancellationToken)).Hex;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

using ImageBuild.Oci;

namespace ImageBuild.Building;

/// <summary>
/// One layer to add: files and directories copied to paths in the image, or an existing tar used as is.
/// </summary>
public sealed record LayerSpec
{
    /// <summary>A short name for results and history (for example "app").</summary>
    public required string Name { get; init; }

    public IReadOnlyList<LayerSource> Sources { get; init; } = [];

    /// <summary>A tar file (plain or compressed) that is the layer's content, instead of <see cref="Sources"/>.</summary>
    public string? TarFile { get; init; }

    /// <summary>The only platform that gets this layer; null for every platform.</summary>
    public Platform? Platform { get; init; }

    /// <summary>
    /// What the layer's files are already known to be, without reading them: for a .NET publish, the NuGet
    /// packages (or runtime pack) they come from, each with its version and the sha512 NuGet recorded. With it the
    /// layer cache recognises the layer by this, the image paths and each file's size and mtime, wherever the
    /// files are, and hashes nothing; a file whose size or mtime differs (a package overwritten under the same
    /// version) misses, and the layer is checked by content as usual. Null for files nothing vouches for.
    /// </summary>
    public string? SourceIdentity { get; init; }

    /// <summary>What the history entry says made the layer, instead of a COPY line listing every destination (layers of many single files).</summary>
    public string? Description { get; init; }

    public static LayerSpec FromDirectory(string name, string sourceDirectory, string destination, Platform? platform = null) =>
        new() { Name = name, Sources = [new LayerSource(sourceDirectory, destination)], Platform = platform };

    public static LayerSpec FromTar(string name, string tarFile, Platform? platform = null) =>
        new() { Name = name, TarFile = tarFile, Platform = platform };

    /// <summary>
    /// What made the layer, as its history entry says it (a Dockerfile-like COPY or ADD line). It names the
    /// layer, never host paths, so the same files built from another folder give the same config.
    /// </summary>
    public string Describe() => Description ?? (TarFile is not null
        ? $"ADD {Name} /"
        : $"COPY {Name} {string.Join(" ", Sources.Select(s => s.Destination).Distinct())}");
}

using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Building;

/// <summary>How <see cref="RootfsImporter"/> makes an image of a root filesystem.</summary>
public sealed record RootfsImportOptions
{
    public required Platform Platform { get; init; }

    /// <summary>Dockerfile instructions applied to the new config (<c>docker import --change</c>).</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>The config's and history's creation time; reproducible (SOURCE_DATE_EPOCH or the epoch) unless the caller says otherwise.</summary>
    public required DateTimeOffset Created { get; init; }

    public LayerOptions Layer { get; init; } = new();

    /// <summary>The history comment; defaults to where the filesystem came from.</summary>
    public string? Message { get; init; }
}

using ImageBuild.Oci;
using ImageBuild.Oci.Changes;
using ImageBuild.Sbom;

namespace ImageBuild.Building;

/// <summary>
/// Everything one build needs, as plain data, so the CLI, MSBuild tasks and tests describe builds the same way.
/// </summary>
public sealed record BuildPlan
{
    /// <summary>The base image: <c>scratch</c>, a store reference or image ID, or <c>oci:DIR[:REF]</c>.</summary>
    public string Base { get; init; } = BaseImageSource.Scratch;

    /// <summary>File layers in order, base first; a layer with a <see cref="LayerSpec.Platform"/> goes only to that platform.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; init; } = [];

    /// <summary>Changes to the execution config, applied in order after the base config.</summary>
    public IReadOnlyList<ConfigChange> Changes { get; init; } = [];

    /// <summary>Annotations on every manifest (and the index) built.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Target platforms; empty means the base image's platform (this machine's for scratch or an index).</summary>
    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    /// <summary>Full references to tag; every output gets every tag.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Where the image goes; empty means the local store.</summary>
    public IReadOnlyList<BuildOutput> Outputs { get; init; } = [];

    public ImageFormat Format { get; init; } = ImageFormat.Auto;

    public LayerCompression Compression { get; init; } = LayerCompression.Gzip;

    /// <summary>gzip 1-9 or zstd 1-22; null for the default of the compression.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>The creation time of configs, history and layer entries; reproducible by default (see <see cref="CreatedTime"/>).</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>The mtime of files in new layers; kept apart from <see cref="Created"/> so "created now" still reuses cached layers.</summary>
    public DateTimeOffset LayerTimestamp { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// Adds the label org.opencontainers.image.base.digest with the base's digest, as the SDK's generated
    /// labels do; only the builder knows the digest, once the base is resolved. Plan changes may override it.
    /// </summary>
    public bool LabelBaseDigest { get; init; }

    /// <summary>
    /// Attach an SPDX SBOM to every platform manifest (an OCI referrer that travels with the image to the store,
    /// layouts and registries), with what the front end knows of the app; null for none.
    /// </summary>
    public SbomInputs? Sbom { get; init; }

    /// <summary>The tool named in history entries' created_by.</summary>
    public string CreatedByPrefix { get; init; } = "dotnet image build";
}

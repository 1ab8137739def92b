namespace ImageBuild.Sbom;

/// <summary>
/// What a front end knows of the app that the image does not show: the project and the NuGet packages of its
/// publish closure, with the SHA-512 NuGet recorded for each. The builder adds what it knows (the image, its base, the
/// files of the layers it wrote). A plan with no project and no packages still gets an SBOM of the image, its base
/// and its files.
/// </summary>
public sealed record SbomInputs
{
    public string? ProjectName { get; init; }

    public string? ProjectVersion { get; init; }

    public IReadOnlyList<SbomPackage> Packages { get; init; } = [];

    /// <summary>Which package each file came from.</summary>
    public IReadOnlyList<SbomFileOrigin> FileOrigins { get; init; } = [];
}

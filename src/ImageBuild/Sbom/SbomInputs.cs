namespace ImageBuild.Sbom;

/// <summary>
/// What a front end knows of the app that the image does not show: the project and the NuGet packages of its
/// publish closure, with where NuGet recorded their hashes. The builder adds what it knows (the image, its base, the
/// files of the layers it wrote). A plan with no project and no packages still gets an SBOM of the image, its base
/// and its files.
/// </summary>
public sealed record SbomInputs
{
    public string? ProjectName { get; init; }

    public string? ProjectVersion { get; init; }

    /// <summary>The packages; a missing SHA-512 is looked up in <see cref="NuGetAssetsFile"/> and <see cref="NuGetPackageFolders"/>.</summary>
    public IReadOnlyList<SbomPackage> Packages { get; init; } = [];

    /// <summary>Which package each file came from.</summary>
    public IReadOnlyList<SbomFileOrigin> FileOrigins { get; init; } = [];

    /// <summary>project.assets.json, whose libraries record each package's SHA-512.</summary>
    public string? NuGetAssetsFile { get; init; }

    /// <summary>The global packages folder (and fallback folders), whose <c>.nupkg.metadata</c> files record the rest.</summary>
    public IReadOnlyList<string> NuGetPackageFolders { get; init; } = [];

    /// <summary>These inputs with every package hash NuGet recorded filled in.</summary>
    public async Task<SbomInputs> WithPackageHashesAsync(CancellationToken cancellationToken) =>
        Packages.All(p => p.Sha512 is not null)
            ? this
            : this with { Packages = await NuGetPackageHashes.ResolveAsync(Packages, NuGetAssetsFile, NuGetPackageFolders, cancellationToken) };
}

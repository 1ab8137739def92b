namespace ImageBuild.Publishing;

/// <summary>One published file and where it came from, as ResolvedFileToPublish describes it.</summary>
/// <param name="SourcePath">The file in the publish folder.</param>
/// <param name="RelativePath">Its path under the working directory, '/'-separated.</param>
/// <param name="NuGetPackageId">Set when the file comes from a package (runtime packs included).</param>
/// <param name="FromProjectReference">Set for outputs of referenced projects.</param>
/// <param name="RuntimeIdentifier">The RID it was published for (multi-RID builds), else empty.</param>
/// <param name="NuGetPackageVersion">The version of <paramref name="NuGetPackageId"/>.</param>
/// <param name="NuGetPackageHash">The package's sha512 as NuGet recorded it when it extracted the package (base64).</param>
internal sealed record PublishFile(
    string SourcePath,
    string RelativePath,
    string? NuGetPackageId,
    bool FromRuntimePack,
    bool FromProjectReference,
    string RuntimeIdentifier,
    string? NuGetPackageVersion = null,
    string? NuGetPackageHash = null);

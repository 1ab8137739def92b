namespace ImageBuild.Tasks;

/// <summary>One published file and where it came from, as ResolvedFileToPublish describes it.</summary>
/// <param name="SourcePath">The file in the publish folder.</param>
/// <param name="RelativePath">Its path under the working directory, '/'-separated.</param>
/// <param name="NuGetPackageId">Set when the file comes from a package (runtime packs included).</param>
/// <param name="NuGetPackageVersion">That package's version.</param>
/// <param name="FromProjectReference">Set for outputs of referenced projects.</param>
/// <param name="RuntimeIdentifier">The RID it was published for (multi-RID builds), else empty.</param>
public sealed record PublishFile(
    string SourcePath,
    string RelativePath,
    string? NuGetPackageId,
    string? NuGetPackageVersion,
    bool FromRuntimePack,
    bool FromProjectReference,
    string RuntimeIdentifier);

namespace ImageBuild.Publishing;

/// <summary>What the project is, as far as choosing a Microsoft .NET base image goes.</summary>
/// <param name="TargetFrameworkVersion">The TFM's version without 'v', e.g. 10.0.</param>
/// <param name="RuntimePackVersion">The runtime version the SDK bundles (e.g. 10.0.12 or 11.0.0-preview.3.x); preferred over the TFM when it has the same major.minor.</param>
internal sealed record BaseImageFacts(
    string TargetFrameworkVersion,
    string? RuntimePackVersion,
    bool IsSelfContained,
    bool IsAot,
    bool IsWeb,
    IReadOnlyList<string> RuntimeIdentifiers,
    string? Family,
    string? BaseRegistry);

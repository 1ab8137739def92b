using System.CommandLine;
using ImageBuild.Oci;

namespace ImageBuild.Cli;

/// <summary>Options several commands share, made fresh for each command that uses them.</summary>
internal static class CommonOptions
{
    public static Option<string?> Platform(string description) => new("--platform") { Description = description };

    public static Option<string?> Created() => new("--created")
    {
        Description = "Creation time: 'now', an RFC 3339 time or Unix seconds (default: $SOURCE_DATE_EPOCH, else 1970-01-01, for reproducible digests)",
    };

    public static Option<LayerCompression> Compression() => new("--compression")
    {
        Description = "Layer compression",
        DefaultValueFactory = _ => LayerCompression.Gzip,
    };

    public static Option<ManifestFormat> Format() => new("--format")
    {
        Description = "Manifest format",
        DefaultValueFactory = _ => ManifestFormat.Oci,
    };

    public static Option<int> Jobs() => new("--jobs", "-j")
    {
        Description = "How many blobs to transfer at the same time",
        DefaultValueFactory = _ => 4,
    };

    public static Option<bool> AllPlatforms(string description) => new("--all-platforms") { Description = description };

    /// <summary>--include-referrers: take SBOMs and signatures attached to the image along (on by default only for push).</summary>
    public static Option<bool> IncludeReferrers(bool byDefault) => new("--include-referrers")
    {
        Description = "Also transfer the image's referrers (SBOMs, signatures attached to it)" + (byDefault ? "; --include-referrers=false leaves them" : string.Empty),
        DefaultValueFactory = _ => byDefault,
    };

    /// <summary>Parses a --platform value, or null when the option was not given.</summary>
    public static Platform? ParsePlatform(string? value) =>
        string.IsNullOrEmpty(value) ? null : Oci.Platform.Parse(value);
}

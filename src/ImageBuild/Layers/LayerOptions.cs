using System.Globalization;
using System.IO.Compression;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Layers;

/// <summary>How layers are written. The defaults give reproducible gzip layers with OCI media types.</summary>
public sealed record LayerOptions
{
    public const string SourceDateEpochVariable = "SOURCE_DATE_EPOCH";

    /// <summary>The mtime of every entry that does not set its own; the Unix epoch unless SOURCE_DATE_EPOCH says otherwise.</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UnixEpoch;

    public LayerCompression Compression { get; init; } = LayerCompression.Gzip;

    public CompressionLevel GzipLevel { get; init; } = CompressionLevel.Fastest;

    public int ZstdLevel { get; init; } = 3;

    /// <summary>Use Docker schema 2 layer media types instead of OCI ones.</summary>
    public bool DockerMediaTypes { get; init; }

    /// <summary>Default options with <see cref="Timestamp"/> taken from the SOURCE_DATE_EPOCH environment variable.</summary>
    public static LayerOptions FromEnvironment() =>
        FromSourceDateEpoch(Environment.GetEnvironmentVariable(SourceDateEpochVariable));

    /// <summary>Default options with <see cref="Timestamp"/> taken from a SOURCE_DATE_EPOCH value (seconds since the epoch).</summary>
    public static LayerOptions FromSourceDateEpoch(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new LayerOptions();
        }

        if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new InvalidInputException($"{SourceDateEpochVariable}=\"{value}\" is not a Unix time: set it to whole seconds since 1970-01-01, for example $(git log -1 --format=%ct)");
        }

        return new LayerOptions { Timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds) };
    }
}

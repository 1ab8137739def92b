using ImageBuild.Oci;
using ImageBuild.Templates.Values;

namespace ImageBuild.Cli.Rendering;

/// <summary>The small formatting rules docker's image commands share: IDs, CREATED, CREATED AT.</summary>
internal static class DisplayFields
{
    public const string NotAvailable = "N/A";

    /// <summary>12 hex characters without the algorithm; the full <c>sha256:...</c> with --no-trunc.</summary>
    public static string Id(Digest id, bool noTrunc) => noTrunc ? id.ToString() : id.ShortHex;

    public static string CreatedSince(DateTimeOffset? created, DateTimeOffset now) =>
        created is { } time ? HumanDuration.Ago(time, now) : NotAvailable;

    /// <summary>Shown in UTC (docker shows its local zone); an image without a time shows Go's zero time, as docker's does.</summary>
    public static string CreatedAt(DateTimeOffset? created) =>
        created is { } time ? DockerTime.FormatCreatedAt(time.ToUniversalTime()) : GoTime.ZeroValue.ToGoString();
}

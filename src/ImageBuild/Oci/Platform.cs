using System.Text.Json;
using System.Text.Json.Serialization;
using ImageBuild.Errors;

namespace ImageBuild.Oci;

/// <summary>
/// The platform an image runs on. Text form: <c>os/arch[/variant][:os.version]</c>, for example
/// <c>linux/arm64/v8</c> or <c>windows/amd64:10.0.20348</c>.
/// </summary>
public sealed record Platform
{
    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    [JsonPropertyName("os")]
    public required string Os { get; init; }

    [JsonPropertyName("os.version")]
    public string? OsVersion { get; init; }

    [JsonPropertyName("os.features")]
    public IReadOnlyList<string>? OsFeatures { get; init; }

    [JsonPropertyName("variant")]
    public string? Variant { get; init; }

    [JsonPropertyName("features")]
    public IReadOnlyList<string>? Features { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }

    public static Platform LinuxAmd64 { get; } = new() { Os = "linux", Architecture = "amd64" };

    public static Platform LinuxArm64 { get; } = new() { Os = "linux", Architecture = "arm64", Variant = "v8" };

    public override string ToString()
    {
        var text = $"{Os}/{Architecture}";
        if (!string.IsNullOrEmpty(Variant))
        {
            text += "/" + Variant;
        }

        if (!string.IsNullOrEmpty(OsVersion))
        {
            text += ":" + OsVersion;
        }

        return text;
    }

    /// <summary>Parses <c>os/arch[/variant][:os.version]</c>, normalizing architecture aliases (x86_64, aarch64).</summary>
    public static Platform Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException("platform is empty: expected os/arch[/variant], for example linux/amd64");
        }

        string? osVersion = null;
        var body = text.Trim();
        var colon = body.IndexOf(':');
        if (colon >= 0)
        {
            osVersion = body[(colon + 1)..];
            body = body[..colon];
            if (osVersion.Length == 0)
            {
                throw new InvalidInputException($"invalid platform \"{text}\": empty os.version after ':'");
            }
        }

        var parts = body.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
        {
            throw new InvalidInputException($"invalid platform \"{text}\": expected os/arch[/variant], for example linux/amd64 or linux/arm64/v8");
        }

        foreach (var part in parts)
        {
            if (!part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new InvalidInputException($"invalid platform \"{text}\": \"{part}\" may only hold letters, digits, '_', '-' and '.'");
            }
        }

        var (arch, variant) = NormalizeArchitecture(parts[1].ToLowerInvariant(), parts.Length == 3 ? parts[2].ToLowerInvariant() : null);
        return new Platform
        {
            Os = NormalizeOs(parts[0].ToLowerInvariant()),
            Architecture = arch,
            Variant = variant,
            OsVersion = osVersion,
        };
    }

    /// <summary>
    /// True when an image for <paramref name="candidate"/> satisfies a request for this platform. A
    /// missing variant means the architecture's default (arm64 -> v8, arm -> v7, amd64 -> v1).
    /// os.version is compared only when this platform names one.
    /// </summary>
    public bool IsSatisfiedBy(Platform candidate)
    {
        var (wantArch, wantVariant) = NormalizeArchitecture(Architecture.ToLowerInvariant(), Variant?.ToLowerInvariant());
        var (haveArch, haveVariant) = NormalizeArchitecture(candidate.Architecture.ToLowerInvariant(), candidate.Variant?.ToLowerInvariant());
        if (!string.Equals(NormalizeOs(Os.ToLowerInvariant()), NormalizeOs(candidate.Os.ToLowerInvariant()), StringComparison.Ordinal)
            || wantArch != haveArch)
        {
            return false;
        }

        if ((wantVariant ?? DefaultVariant(wantArch)) != (haveVariant ?? DefaultVariant(haveArch)))
        {
            return false;
        }

        return string.IsNullOrEmpty(OsVersion) || string.Equals(OsVersion, candidate.OsVersion, StringComparison.Ordinal);
    }

    /// <summary>The platform of the process running now, as an image for it would declare.</summary>
    public static Platform Current()
    {
        var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            System.Runtime.InteropServices.Architecture.Arm => "arm",
            System.Runtime.InteropServices.Architecture.X86 => "386",
            System.Runtime.InteropServices.Architecture.S390x => "s390x",
            System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
            System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
            System.Runtime.InteropServices.Architecture.LoongArch64 => "loong64",
            var other => other.ToString().ToLowerInvariant(),
        };
        var variant = arch switch { "arm64" => "v8", "arm" => "v7", _ => null };
        return new Platform { Os = "linux", Architecture = arch, Variant = variant };
    }

    private static string? DefaultVariant(string arch) => arch switch
    {
        "arm64" => "v8",
        "arm" => "v7",
        "amd64" => "v1",
        _ => null,
    };

    private static string NormalizeOs(string os) => os switch
    {
        "macos" => "darwin",
        _ => os,
    };

    private static (string Arch, string? Variant) NormalizeArchitecture(string arch, string? variant) => arch switch
    {
        "x86_64" or "x86-64" => ("amd64", variant),
        "i386" or "i686" or "x86" => ("386", variant),
        "aarch64" or "arm64" => ("arm64", variant is "8" ? "v8" : variant),
        "armhf" => ("arm", "v7"),
        "armel" => ("arm", "v6"),
        "arm" => ("arm", variant is "5" or "6" or "7" or "8" ? "v" + variant : variant),
        _ => (arch, variant),
    };
}

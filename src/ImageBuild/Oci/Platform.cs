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

    // set, not init: the source generator cannot fill extension data through an init-only setter.
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

    /// <summary>
    /// Parses a platform as docker's <c>--platform</c> does (containerd's platforms.Parse): <c>os/arch[/variant]</c>,
    /// a lone OS (<c>linux</c>, <c>windows</c>, <c>macOS</c>: this machine's architecture) or a lone architecture
    /// (<c>arm64</c>, <c>x86_64</c>, <c>armhf</c>, <c>armel</c>: Linux), aliases normalized (aarch64, x86_64, i386, armhf,
    /// armel, macOS), and an OS version and features as <c>windows(10.0.17763+win32k)</c> (percent-encoded inside the
    /// parentheses). <c>os/arch[/variant]:os.version</c> is accepted too.
    /// </summary>
    public static Platform Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException("platform is empty: expected os/arch[/variant], for example linux/amd64");
        }

        var body = text;
        string? suffixVersion = null;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            suffixVersion = body[(colon + 1)..];
            body = body[..colon];
            if (suffixVersion.Length == 0)
            {
                throw new InvalidInputException($"invalid platform \"{text}\": empty os.version after ':'");
            }
        }

        if (body.Contains('*', StringComparison.Ordinal))
        {
            throw Invalid(text, "wildcards are not supported");
        }

        var parts = body.Split('/');
        if (parts.Length > 3)
        {
            throw Invalid(text, "expected os/arch[/variant], for example linux/amd64 or linux/arm64/v8");
        }

        var (os, osVersion, osFeatures) = ParseOs(text, parts[0]);
        foreach (var part in parts.Skip(1))
        {
            CheckComponent(text, part);
        }

        Platform platform;
        switch (parts.Length)
        {
            case 1 when KnownOperatingSystems.Contains(os):
                var current = Current();
                platform = new Platform { Os = os, Architecture = current.Architecture, Variant = current.Architecture == "arm" ? current.Variant : null };
                break;
            case 1:
                var (arch, variant) = NormalizeArchitecture(parts[0], string.Empty);
                if (!KnownArchitectures.Contains(arch) || osVersion is not null || osFeatures is not null)
                {
                    throw Invalid(text, "unknown operating system or architecture; give os/arch, for example linux/arm64");
                }

                platform = new Platform { Os = "linux", Architecture = arch, Variant = arch == "arm" && variant == "v7" ? null : NullIfEmpty(variant) };
                break;
            case 2:
                var (arch2, variant2) = NormalizeArchitecture(parts[1], string.Empty);
                platform = new Platform { Os = os, Architecture = arch2, Variant = arch2 == "arm" && variant2 == "v7" ? null : NullIfEmpty(variant2) };
                break;
            default:
                var (arch3, variant3) = NormalizeArchitecture(parts[1], parts[2]);
                platform = new Platform { Os = os, Architecture = arch3, Variant = arch3 == "arm64" && variant3.Length == 0 ? "v8" : NullIfEmpty(variant3) };
                break;
        }

        return platform with { OsVersion = suffixVersion ?? NullIfEmpty(osVersion), OsFeatures = osFeatures };
    }

    /// <summary>containerd's Normalize: aliases resolved and default variants filled in (arm: v7; arm64 v8 and amd64 v1: none).</summary>
    public Platform Normalize()
    {
        var (arch, variant) = NormalizeArchitecture(Architecture, Variant ?? string.Empty);
        return this with { Os = NormalizeOs(Os), Architecture = arch, Variant = NullIfEmpty(variant) };
    }

    /// <summary>
    /// True when an image for <paramref name="candidate"/> satisfies a request for this platform (containerd's
    /// matcher): both normalized, OS, architecture and variant equal. os.version is compared only when this platform
    /// names one.
    /// </summary>
    public bool IsSatisfiedBy(Platform candidate)
    {
        var wanted = Normalize();
        var have = candidate.Normalize();
        return wanted.Os == have.Os && wanted.Architecture == have.Architecture && wanted.Variant == have.Variant
            && (string.IsNullOrEmpty(OsVersion) || string.Equals(OsVersion, candidate.OsVersion, StringComparison.Ordinal));
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

    /// <summary>The OSes containerd knows, which a lone word may name.</summary>
    private static readonly HashSet<string> KnownOperatingSystems =
        ["aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos"];

    /// <summary>The architectures containerd knows, which a lone word may name.</summary>
    private static readonly HashSet<string> KnownArchitectures =
        ["386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le",
         "mips64p32", "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm"];

    private static string NormalizeOs(string os) => os.ToLowerInvariant() switch
    {
        "macos" => "darwin",
        var lower => lower,
    };

    /// <summary>containerd's normalizeArch.</summary>
    private static (string Arch, string Variant) NormalizeArchitecture(string arch, string variant)
    {
        arch = arch.ToLowerInvariant();
        variant = variant.ToLowerInvariant();
        switch (arch)
        {
            case "i386":
                return ("386", string.Empty);
            case "x86_64" or "x86-64" or "amd64":
                return ("amd64", variant == "v1" ? string.Empty : variant);
            case "aarch64" or "arm64":
                return ("arm64", variant switch
                {
                    "8" or "v8" or "v8.0" => string.Empty,
                    "9" or "9.0" or "v9.0" => "v9",
                    _ => variant,
                });
            case "armhf":
                return ("arm", "v7");
            case "armel":
                return ("arm", "v6");
            case "arm":
                return ("arm", variant switch
                {
                    "" or "7" => "v7",
                    "5" or "6" or "8" => "v" + variant,
                    _ => variant,
                });
            default:
                return (arch, variant);
        }
    }

    /// <summary>The OS part: a name, optionally with "(version+feature+...)", whose parts are percent-encoded.</summary>
    private static (string Os, string? Version, IReadOnlyList<string>? Features) ParseOs(string text, string part)
    {
        var open = part.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            CheckComponent(text, part);
            return (NormalizeOs(part), null, null);
        }

        if (!part.EndsWith(')') || part.IndexOf('(', open + 1) >= 0)
        {
            throw Invalid(text, "the OS options must be one \"(version+feature...)\" group after the OS name");
        }

        var name = part[..open];
        CheckComponent(text, name);
        var options = part[(open + 1)..^1].Split('+');
        if (options.Any(o => !o.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '%')))
        {
            throw Invalid(text, "the OS version and features may only hold letters, digits, '_', '.', '-' and %-escapes");
        }

        var features = options.Skip(1).Select(Uri.UnescapeDataString).ToList();
        if (features.Any(f => f.Length == 0))
        {
            throw Invalid(text, "an OS feature is empty");
        }

        return (NormalizeOs(name), Uri.UnescapeDataString(options[0]), features.Count == 0 ? null : features);
    }

    private static void CheckComponent(string text, string part)
    {
        if (part.Length == 0 || !part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw Invalid(text, part.Length == 0
                ? "a part is empty; expected os/arch[/variant], for example linux/amd64"
                : $"\"{part}\" may only hold letters, digits, '_', '-' and '.'");
        }
    }

    private static InvalidInputException Invalid(string text, string reason) => new($"invalid platform \"{text}\": {reason}");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

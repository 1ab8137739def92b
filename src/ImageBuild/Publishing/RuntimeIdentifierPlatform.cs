using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Publishing;

/// <summary>The image platform a .NET runtime identifier runs on (linux-musl-arm64 is linux/arm64/v8).</summary>
internal static class RuntimeIdentifierPlatform
{
    public static Platform FromRid(string rid)
    {
        var parts = rid.Trim().ToLowerInvariant().Split('-');
        var os = parts[0] switch
        {
            "linux" or "alpine" => "linux",
            "win" => "windows",
            _ => throw new InvalidInputException(
                $"ContainerRuntimeIdentifier \"{rid}\" is not a Linux or Windows runtime identifier: use one such as linux-x64, linux-arm64 or linux-musl-x64"),
        };
        var architecture = parts[^1];
        return architecture switch
        {
            "x64" => new Platform { Os = os, Architecture = "amd64" },
            "arm64" => new Platform { Os = os, Architecture = "arm64", Variant = "v8" },
            "arm" => new Platform { Os = os, Architecture = "arm", Variant = "v7" },
            "x86" => new Platform { Os = os, Architecture = "386" },
            "s390x" or "ppc64le" or "riscv64" => new Platform { Os = os, Architecture = architecture },
            _ => throw new InvalidInputException(
                $"ContainerRuntimeIdentifier \"{rid}\" names no architecture an image can have: end it in x64, arm64, arm, x86, s390x, ppc64le or riscv64"),
        };
    }

    /// <summary>musl RIDs (linux-musl-x64, alpine-x64) need an Alpine-based image.</summary>
    public static bool IsMusl(string rid) =>
        rid.Contains("-musl-", StringComparison.OrdinalIgnoreCase) || rid.StartsWith("alpine", StringComparison.OrdinalIgnoreCase);
}

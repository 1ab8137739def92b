using ImageBuild.Oci;

namespace ImageBuild.Sbom;

/// <summary>A NuGet package the image holds files of (or the runtime pack of a self-contained app).</summary>
/// <param name="Sha512">Lower-case hex SHA-512 of the .nupkg, as NuGet records it; null when no record was found.</param>
/// <param name="IsRuntimePack">The .NET runtime pack of a self-contained app, rather than a library.</param>
public sealed record SbomPackage(string Name, string Version, string? Sha512, bool IsRuntimePack = false)
{
    /// <summary>The platform whose image holds it (a multi-RID publish has a runtime pack per RID); null for every platform.</summary>
    public Platform? Platform { get; init; }

    /// <summary>The hex form SPDX wants of the base64 SHA-512 NuGet records (.nupkg.metadata, .nupkg.sha512); null when it is not one.</summary>
    public static string? HexOfNuGetHash(string? base64)
    {
        var bytes = new byte[64];
        return base64 is not null && Convert.TryFromBase64String(base64.Trim(), bytes, out var written) && written == bytes.Length
            ? Convert.ToHexStringLower(bytes)
            : null;
    }
}

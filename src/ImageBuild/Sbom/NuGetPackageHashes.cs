using System.Text.Json;
using ImageBuild.Errors;

namespace ImageBuild.Sbom;

/// <summary>
/// The SHA-512 NuGet recorded for each package when it restored it: the <c>sha512</c> of the package in
/// project.assets.json's libraries, else the <c>contentHash</c> of the <c>.nupkg.metadata</c> in the package's folder
/// (runtime packs are downloaded, not listed as libraries). Both are base64; SPDX wants hex.
/// </summary>
public static class NuGetPackageHashes
{
    /// <param name="assetsFile">project.assets.json, or null when there is none.</param>
    /// <param name="packageFolders">NuGet's global packages folder and any fallback folders.</param>
    public static async Task<IReadOnlyList<SbomPackage>> ResolveAsync(
        IEnumerable<SbomPackage> packages, string? assetsFile, IReadOnlyList<string> packageFolders, CancellationToken cancellationToken)
    {
        var libraries = assetsFile is not null && File.Exists(assetsFile) ? await ReadLibrariesAsync(assetsFile, cancellationToken) : [];
        var resolved = new List<SbomPackage>();
        foreach (var package in packages)
        {
            var hash = package.Sha512
                ?? (libraries.TryGetValue($"{package.Name}/{package.Version}", out var listed) ? listed : null)
                ?? await FromPackageFolderAsync(package, packageFolders, cancellationToken);
            resolved.Add(package with { Sha512 = hash is null ? null : ToHex(hash) });
        }

        return resolved;
    }

    private static async Task<Dictionary<string, string>> ReadLibrariesAsync(string assetsFile, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(assetsFile);
        using var document = await ReadJsonAsync(stream, assetsFile, cancellationToken);
        var libraries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("libraries", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var library in section.EnumerateObject())
            {
                if (library.Value.TryGetProperty("sha512", out var sha512) && sha512.ValueKind == JsonValueKind.String)
                {
                    libraries[library.Name] = sha512.GetString()!;
                }
            }
        }

        return libraries;
    }

    private static async Task<string?> FromPackageFolderAsync(SbomPackage package, IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        foreach (var folder in folders.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            var metadata = Path.Combine(folder, package.Name.ToLowerInvariant(), package.Version.ToLowerInvariant(), ".nupkg.metadata");
            if (!File.Exists(metadata))
            {
                continue;
            }

            await using var stream = File.OpenRead(metadata);
            using var document = await ReadJsonAsync(stream, metadata, cancellationToken);
            if (document.RootElement.TryGetProperty("contentHash", out var hash) && hash.ValueKind == JsonValueKind.String)
            {
                return hash.GetString();
            }
        }

        return null;
    }

    private static async Task<JsonDocument> ReadJsonAsync(Stream stream, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new ImageBuildException($"{path} is not valid JSON ({ex.Message}); restore the project again", ex);
        }
    }

    private static string? ToHex(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 64 ? Convert.ToHexStringLower(bytes.AsSpan(0, written)) : null;
    }
}

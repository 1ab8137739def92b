using System.Text.Json;

namespace ImageBuild.Publishing;

/// <summary>
/// The sha512 NuGet recorded for a package it extracted (<c>.nupkg.metadata</c>'s contentHash, else the older
/// <c>ID.VERSION.nupkg.sha512</c>), found from a file inside the package folder. One read per package and build.
/// </summary>
internal sealed class NuGetPackageHashes
{
    private readonly Dictionary<string, string?> byFolder = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="fileInPackage"/> is not inside an extracted ID/VERSION package folder.</summary>
    public string? Find(string packageId, string version, string fileInPackage)
    {
        if (PackageFolder(packageId, version, fileInPackage) is not { } folder)
        {
            return null;
        }

        if (!byFolder.TryGetValue(folder, out var hash))
        {
            byFolder[folder] = hash = Read(folder, packageId, version);
        }

        return hash;
    }

    private static string? PackageFolder(string packageId, string version, string fileInPackage)
    {
        for (var directory = Path.GetDirectoryName(Path.GetFullPath(fileInPackage)); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (string.Equals(Path.GetFileName(directory), version, StringComparison.OrdinalIgnoreCase)
                && string.Equals(Path.GetFileName(Path.GetDirectoryName(directory)), packageId, StringComparison.OrdinalIgnoreCase))
            {
                return directory;
            }
        }

        return null;
    }

    private static string? Read(string folder, string packageId, string version)
    {
        try
        {
            var metadata = Path.Combine(folder, ".nupkg.metadata");
            if (File.Exists(metadata))
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(metadata));
                return document.RootElement.TryGetProperty("contentHash", out var hash) && hash.GetString() is { Length: > 0 } text ? text : null;
            }

            var sha512 = Path.Combine(folder, $"{packageId}.{version}.nupkg.sha512".ToLowerInvariant());
            return File.Exists(sha512) ? File.ReadAllText(sha512).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // Without the hash the layer is keyed by its paths or content instead: slower, never wrong.
            return null;
        }
    }
}

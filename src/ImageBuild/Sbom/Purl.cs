using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Sbom;

/// <summary>Package URLs (purl), as SBOM consumers look packages up: <c>pkg:nuget/Name@Version</c>, <c>pkg:oci/name@digest?...</c>.</summary>
public static class Purl
{
    public static string NuGet(string name, string version) => $"pkg:nuget/{Encode(name)}@{Encode(version)}";

    /// <summary>An image by digest, with its repository, os and architecture as qualifiers (sorted by key, as purl wants).</summary>
    public static string Oci(ImageReference? name, Digest digest, Platform? platform)
    {
        var qualifiers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (platform is not null)
        {
            qualifiers["arch"] = platform.Architecture;
            qualifiers["os"] = platform.Os;
        }

        if (name is not null)
        {
            qualifiers["repository_url"] = name.Name;
        }

        var last = name?.Repository.Split('/')[^1] ?? "image";
        var query = qualifiers.Count == 0 ? string.Empty : "?" + string.Join('&', qualifiers.Select(q => $"{q.Key}={Encode(q.Value).Replace("%2F", "/", StringComparison.Ordinal)}"));
        return $"pkg:oci/{Encode(last)}@{Encode(digest.ToString())}{query}";
    }

    private static string Encode(string text) => Uri.EscapeDataString(text);
}

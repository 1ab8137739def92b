using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>Reads what a publish made with skopeo, the independent oracle: manifest layer digests and the config.</summary>
public static class ImageInspection
{
    public static async Task<IReadOnlyList<string>> LayerDigestsAsync(string location, params string[] options)
    {
        var manifest = await RawAsync(location, options, config: false);
        return manifest["layers"]!.AsArray().Select(l => l!["digest"]!.GetValue<string>()).ToList();
    }

    /// <summary>The manifest or index at <paramref name="location"/>, as stored.</summary>
    public static Task<JsonNode> ManifestAsync(string location, params string[] options) => RawAsync(location, options, config: false);

    public static Task<JsonNode> ConfigAsync(string location, params string[] options) => RawAsync(location, options, config: true);

    private static async Task<JsonNode> RawAsync(string location, string[] options, bool config)
    {
        var result = await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", .. options, config ? "--config" : "--raw", location]);
        result.EnsureSuccess();
        return JsonNode.Parse(result.StandardOutput) ?? throw new InvalidOperationException($"skopeo printed JSON null for {location}");
    }
}

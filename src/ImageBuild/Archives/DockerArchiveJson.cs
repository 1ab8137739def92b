using System.Text.Encodings.Web;
using System.Text.Json;
using ImageBuild.Errors;

namespace ImageBuild.Archives;

/// <summary>Reads and writes docker-archive's JSON files, unescaped and newline-terminated as docker's encoder writes them.</summary>
internal static class DockerArchiveJson
{
    private static readonly ArchiveJsonContext Context = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static byte[] SerializeManifest(List<DockerArchiveManifestItem> items) =>
        WithNewline(JsonSerializer.SerializeToUtf8Bytes(items, Context.ListDockerArchiveManifestItem));

    public static byte[] SerializeRepositories(Dictionary<string, Dictionary<string, string>> repositories) =>
        WithNewline(JsonSerializer.SerializeToUtf8Bytes(repositories, Context.DictionaryStringDictionaryStringString));

    public static List<DockerArchiveManifestItem> ParseManifest(ReadOnlySpan<byte> json, string archiveName)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Context.ListDockerArchiveManifestItem)
                ?? throw new ImageBuildException($"{archiveName} is not a valid docker archive: manifest.json is null");
        }
        catch (JsonException ex)
        {
            throw new ImageBuildException($"{archiveName} is not a valid docker archive: manifest.json is malformed ({ex.Message})", ex);
        }
    }

    private static byte[] WithNewline(byte[] json) => [.. json, (byte)'\n'];
}

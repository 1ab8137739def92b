using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Publishing;

/// <summary>
/// How the task and the native tool talk: the task writes the <see cref="PublishJob"/> as one JSON line on the tool's
/// standard input and keeps the input open; the tool writes <see cref="PublishMessage"/> lines on its standard output.
/// Closing the input cancels the publish, so a cancelled build (or a task whose process died) stops the tool cleanly.
/// </summary>
internal static class PublishProtocol
{
    /// <summary>Raised whenever the job or messages change shape.</summary>
    public const int Version = 1;

    /// <summary>The hidden command of dotnet-image that runs a job.</summary>
    public const string CommandName = "publish-job";

    public static string Serialize(PublishJob job) => JsonSerializer.Serialize(job, PublishProtocolJsonContext.Default.PublishJob);

    public static string Serialize(PublishMessage message) => JsonSerializer.Serialize(message, PublishProtocolJsonContext.Default.PublishMessage);

    public static PublishJob ReadJob(string line) =>
        JsonSerializer.Deserialize(line, PublishProtocolJsonContext.Default.PublishJob) ?? throw new JsonException("the publish job is null");

    public static PublishMessage ReadMessage(string line) =>
        JsonSerializer.Deserialize(line, PublishProtocolJsonContext.Default.PublishMessage) ?? throw new JsonException("a publish message is null");
}

// One line per document: no indentation, and JSON escapes every line break inside strings.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PublishJob))]
[JsonSerializable(typeof(PublishMessage))]
internal sealed partial class PublishProtocolJsonContext : JsonSerializerContext
{
}

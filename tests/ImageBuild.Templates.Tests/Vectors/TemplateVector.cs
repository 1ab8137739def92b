using System.Text.Json;
using ImageBuild.Tests.Infrastructure;

namespace ImageBuild.Templates.Tests.Vectors;

/// <summary>
/// One case of the shared template vectors (Go's text/template tests and docker/cli's formatter tests), read in place
/// from <c>peer-vectors/template-vectors.jsonl</c>. <see cref="GoExpected"/> is the peer's own answer ("ERROR" for
/// an error) where it does not depend on docker's data; <see cref="Note"/> says when that answer is older than the
/// Go in docker's CLI, whose own run is then the oracle (see the integration tests).
/// </summary>
public sealed record TemplateVector(string Id, string Name, string Mode, string? Image, string Template, string Compare, string? GoExpected, string? Note)
{
    public const string RelativePath = "peer-vectors/template-vectors.jsonl";

    public const string ErrorAnswer = "ERROR";

    private static readonly Lazy<IReadOnlyList<TemplateVector>> All = new(Read);

    /// <summary>Every vector of the file, read once per test run.</summary>
    public static IReadOnlyList<TemplateVector> Load() => All.Value;

    private static IReadOnlyList<TemplateVector> Read()
    {
        var vectors = new List<TemplateVector>();
        foreach (var line in File.ReadLines(SharedReferenceFiles.PathOf(RelativePath)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            vectors.Add(new TemplateVector(Text("id")!, Text("name")!, Text("mode")!, Text("image"), Text("template")!, Text("compare")!, Text("go_expected"), Text("note")));
        }

        return vectors;
    }

    public override string ToString() => $"{Id} {Name}";
}

using System.Text.Json;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>
/// One of the shared peer-vector files (<c>peer-vectors/*.jsonl</c>), read in place: one JSON object a line, '#'
/// lines are comments. A case with a "skip" member is one the porter found not expressible in this project; those
/// are listed with their reasons in docs/docker-differences.md and checked to stay few.
/// </summary>
public static class PeerVectorFile
{
    public static IReadOnlyList<JsonElement> Read(string name)
    {
        var cases = new List<JsonElement>();
        foreach (var line in File.ReadLines(SharedReferenceFiles.PathOf("peer-vectors/" + name)))
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                using var json = JsonDocument.Parse(line);
                cases.Add(json.RootElement.Clone());
            }
        }

        return cases;
    }

    /// <summary>The ids of the cases to run (not skipped), for xunit's MemberData.</summary>
    public static TheoryData<string> Ids(string name, string? kind = null)
    {
        var ids = new TheoryData<string>();
        foreach (var item in Read(name).Where(c => !c.TryGetProperty("skip", out _) && (kind is null || c.GetProperty("kind").GetString() == kind)))
        {
            ids.Add(item.GetProperty("id").GetString()!);
        }

        return ids;
    }

    public static JsonElement Case(string name, string id) => Read(name).Single(c => c.GetProperty("id").GetString() == id);

    public static string? Text(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

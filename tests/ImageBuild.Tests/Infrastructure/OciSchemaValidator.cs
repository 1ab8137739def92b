using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NJsonSchema;
using Xunit.Sdk;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>
/// Validates documents against the OCI image-spec v1.1.1 JSON schemas (copied to Schemas/ in the test
/// output) plus the checks the spec's reference validator adds on top of them: Env entries must be
/// <c>NAME=value</c>, and digests must be well formed for their algorithm.
/// </summary>
public sealed partial class OciSchemaValidator
{
    private readonly IReadOnlyDictionary<OciSchemaKind, JsonSchema> schemas;

    private OciSchemaValidator(IReadOnlyDictionary<OciSchemaKind, JsonSchema> schemas)
    {
        this.schemas = schemas;
    }

    public static string SchemaDirectory => Path.Combine(AppContext.BaseDirectory, "Schemas");

    public static async Task<OciSchemaValidator> LoadAsync(CancellationToken cancellationToken = default)
    {
        var files = new Dictionary<OciSchemaKind, string>
        {
            [OciSchemaKind.Manifest] = "image-manifest-schema.json",
            [OciSchemaKind.Index] = "image-index-schema.json",
            [OciSchemaKind.Config] = "config-schema.json",
            [OciSchemaKind.Descriptor] = "content-descriptor.json",
            [OciSchemaKind.Layout] = "image-layout-schema.json",
        };
        var loaded = new Dictionary<OciSchemaKind, JsonSchema>();
        foreach (var (kind, file) in files)
        {
            loaded[kind] = await JsonSchema.FromFileAsync(
                Path.Combine(SchemaDirectory, file),
                root => new LocalSchemaReferenceResolver(root, SchemaDirectory),
                cancellationToken);
        }

        return new OciSchemaValidator(loaded);
    }

    /// <summary>Every problem found in <paramref name="json"/>; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(OciSchemaKind kind, ReadOnlySpan<byte> json)
    {
        var text = Encoding.UTF8.GetString(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return [$"not JSON: {ex.Message}"];
        }

        using (document)
        {
            return
            [
                .. schemas[kind].Validate(text).Select(e => $"schema: {e}"),
                .. ExtraChecks(kind, document.RootElement),
            ];
        }
    }

    /// <summary>Fails the test with every problem and the document itself unless it is valid.</summary>
    public void AssertValid(OciSchemaKind kind, ReadOnlySpan<byte> json)
    {
        var errors = Validate(kind, json);
        if (errors.Count > 0)
        {
            throw new XunitException(
                $"{kind} does not validate against the OCI schema:\n  {string.Join("\n  ", errors)}\ndocument: {Encoding.UTF8.GetString(json)}");
        }
    }

    private static IEnumerable<string> ExtraChecks(OciSchemaKind kind, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return kind switch
        {
            OciSchemaKind.Manifest => DescriptorDigests(root, "config", "subject").Concat(DescriptorListDigests(root, "layers")),
            OciSchemaKind.Index => DescriptorDigests(root, "subject").Concat(DescriptorListDigests(root, "manifests")),
            OciSchemaKind.Descriptor => DigestProblems(root, "digest"),
            OciSchemaKind.Config => ConfigProblems(root),
            _ => [],
        };
    }

    private static IEnumerable<string> ConfigProblems(JsonElement root)
    {
        if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("Env", out var env) && env.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in env.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.String || !EnvEntry().IsMatch(entry.GetString()!))
                {
                    yield return $"config.Env: unexpected env {entry.GetRawText()}";
                }
            }
        }

        if (root.TryGetProperty("rootfs", out var rootfs) && rootfs.ValueKind == JsonValueKind.Object
            && rootfs.TryGetProperty("diff_ids", out var diffIds) && diffIds.ValueKind == JsonValueKind.Array)
        {
            foreach (var diffId in diffIds.EnumerateArray())
            {
                if (DigestProblem(diffId) is { } problem)
                {
                    yield return $"rootfs.diff_ids: {problem}";
                }
            }
        }
    }

    private static IEnumerable<string> DescriptorDigests(JsonElement root, params string[] properties) =>
        properties
            .Where(p => root.TryGetProperty(p, out var d) && d.ValueKind == JsonValueKind.Object)
            .SelectMany(p => DigestProblems(root.GetProperty(p), p));

    private static IEnumerable<string> DescriptorListDigests(JsonElement root, string property) =>
        root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
                .Select((descriptor, i) => (descriptor, i))
                .Where(x => x.descriptor.ValueKind == JsonValueKind.Object)
                .SelectMany(x => DigestProblems(x.descriptor, $"{property}[{x.i}]"))
            : [];

    private static IEnumerable<string> DigestProblems(JsonElement descriptor, string where) =>
        descriptor.TryGetProperty("digest", out var digest) && DigestProblem(digest) is { } problem
            ? [$"{where}.digest: {problem}"]
            : [];

    /// <summary>What go-digest's Validate rejects: unknown algorithms and hex of the wrong length or case.</summary>
    private static string? DigestProblem(JsonElement digest)
    {
        if (digest.ValueKind != JsonValueKind.String)
        {
            return $"{digest.GetRawText()} is not a string";
        }

        var text = digest.GetString()!;
        var colon = text.IndexOf(':');
        var hexLength = colon < 0 ? 0 : text[..colon] switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => 0,
        };
        if (hexLength == 0)
        {
            return $"\"{text}\" does not name a supported algorithm (sha256, sha384, sha512)";
        }

        var hex = text[(colon + 1)..];
        return hex.Length == hexLength && LowerHex().IsMatch(hex)
            ? null
            : $"\"{text}\" needs {hexLength} lower-case hex characters";
    }

    // Go's regexp: '.' stops at a newline and '$' only matches at the very end, hence \z here.
    [GeneratedRegex(@"^[^=]+=.*\z")]
    private static partial Regex EnvEntry();

    [GeneratedRegex(@"^[a-f0-9]+\z")]
    private static partial Regex LowerHex();
}

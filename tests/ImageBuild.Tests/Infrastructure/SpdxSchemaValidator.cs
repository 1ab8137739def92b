using NJsonSchema;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>The official SPDX 2.3 JSON schema, read in place from the shared reference folder.</summary>
public static class SpdxSchemaValidator
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() => JsonSchema.FromFileAsync(SharedReferenceFiles.PathOf("spdx-schema/spdx-2.3-schema.json")));

    /// <summary>Every schema violation of <paramref name="json"/>, as "path: kind".</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(string json) =>
        (await Schema.Value).Validate(json).Select(e => $"{e.Path}: {e.Kind}").ToList();

    /// <summary>Fails the test with every schema violation of <paramref name="json"/>.</summary>
    public static async Task AssertValidAsync(string json)
    {
        var errors = await ValidateAsync(json);
        Assert.True(errors.Count == 0, "SPDX schema violations:\n" + string.Join("\n", errors));
    }
}

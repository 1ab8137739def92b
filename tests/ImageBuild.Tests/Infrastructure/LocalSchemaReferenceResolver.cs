using NJsonSchema;
using NJsonSchema.References;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>
/// Resolves the OCI schemas' cross-file references to the copies in Schemas/ and never to the network:
/// a reference to any file or URL outside that folder fails loudly instead of fetching.
/// </summary>
internal sealed class LocalSchemaReferenceResolver : JsonReferenceResolver
{
    // The URLs the schemas name one another by (see Schemas/README.md), mapped to the local file names.
    private static readonly IReadOnlyDictionary<string, string> UrlToFile = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["https://opencontainers.org/schema/image/config"] = "config-schema.json",
        ["https://opencontainers.org/schema/descriptor"] = "content-descriptor.json",
        ["https://opencontainers.org/schema/image/content-descriptor.json"] = "content-descriptor.json",
        ["https://opencontainers.org/schema/image/descriptor/mediaType"] = "defs-descriptor.json",
        ["https://opencontainers.org/schema/defs-descriptor.json"] = "defs-descriptor.json",
        ["https://opencontainers.org/schema/image/defs-descriptor.json"] = "defs-descriptor.json",
        ["https://opencontainers.org/schema/defs.json"] = "defs.json",
        ["https://opencontainers.org/schema/image/defs.json"] = "defs.json",
        ["https://opencontainers.org/schema/image/descriptor/defs.json"] = "defs.json",
        ["https://opencontainers.org/schema/image/index"] = "image-index-schema.json",
        ["https://opencontainers.org/schema/image/layout"] = "image-layout-schema.json",
        ["https://opencontainers.org/schema/image/manifest"] = "image-manifest-schema.json",
    };

    private readonly string schemaDirectory;

    public LocalSchemaReferenceResolver(JsonSchema rootSchema, string schemaDirectory)
        : base(new JsonSchemaAppender(rootSchema, new DefaultTypeNameGenerator()))
    {
        this.schemaDirectory = Path.GetFullPath(schemaDirectory);
    }

    public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!UrlToFile.TryGetValue(url, out var file))
        {
            throw new InvalidOperationException($"the OCI schemas reference {url}, which has no local copy in {schemaDirectory}");
        }

        return base.ResolveFileReferenceAsync(Path.Combine(schemaDirectory, file), cancellationToken);
    }

    public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(filePath);
        if (!string.Equals(Path.GetDirectoryName(full), schemaDirectory, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the OCI schemas reference {filePath}, outside {schemaDirectory}");
        }

        return base.ResolveFileReferenceAsync(full, cancellationToken);
    }
}

using System.Text.Json.Serialization;

namespace ImageBuild.Sbom;

/// <summary>An SPDX 2.3 document in its JSON form: the fields this tool writes, named as the SPDX schema names them.</summary>
public sealed record SpdxDocument
{
    [JsonPropertyName("spdxVersion")]
    public string SpdxVersion { get; init; } = "SPDX-2.3";

    [JsonPropertyName("dataLicense")]
    public string DataLicense { get; init; } = "CC0-1.0";

    [JsonPropertyName("SPDXID")]
    public string SpdxId { get; init; } = "SPDXRef-DOCUMENT";

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("documentNamespace")]
    public required string DocumentNamespace { get; init; }

    [JsonPropertyName("creationInfo")]
    public required SpdxCreationInfo CreationInfo { get; init; }

    [JsonPropertyName("packages")]
    public IReadOnlyList<SpdxPackage> Packages { get; init; } = [];

    [JsonPropertyName("files")]
    public IReadOnlyList<SpdxFile> Files { get; init; } = [];

    [JsonPropertyName("relationships")]
    public IReadOnlyList<SpdxRelationship> Relationships { get; init; } = [];
}

/// <summary>SPDX creationInfo: when the document was made and by which tool.</summary>
public sealed record SpdxCreationInfo(
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("creators")] IReadOnlyList<string> Creators);

/// <summary>An SPDX package: the image, its base, the project, a NuGet package or a runtime pack.</summary>
public sealed record SpdxPackage
{
    [JsonPropertyName("SPDXID")]
    public required string SpdxId { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("versionInfo")]
    public string? VersionInfo { get; init; }

    /// <summary>NOASSERTION: where a package was fetched from is the feed's business, not the image's.</summary>
    [JsonPropertyName("downloadLocation")]
    public string DownloadLocation { get; init; } = "NOASSERTION";

    /// <summary>False: the package's own files are not analysed (so no verification code is required).</summary>
    [JsonPropertyName("filesAnalyzed")]
    public bool FilesAnalyzed { get; init; }

    [JsonPropertyName("primaryPackagePurpose")]
    public string? PrimaryPackagePurpose { get; init; }

    [JsonPropertyName("checksums")]
    public IReadOnlyList<SpdxChecksum>? Checksums { get; init; }

    [JsonPropertyName("externalRefs")]
    public IReadOnlyList<SpdxExternalRef>? ExternalRefs { get; init; }
}

/// <summary>An SPDX file: one file of the app's layers, with its checksums.</summary>
public sealed record SpdxFile(
    [property: JsonPropertyName("SPDXID")] string SpdxId,
    [property: JsonPropertyName("fileName")] string FileName,
    [property: JsonPropertyName("checksums")] IReadOnlyList<SpdxChecksum> Checksums);

/// <summary>An SPDX checksum: algorithm and hex value.</summary>
public sealed record SpdxChecksum(
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("checksumValue")] string ChecksumValue);

/// <summary>An SPDX external reference, such as a package's purl.</summary>
public sealed record SpdxExternalRef(
    [property: JsonPropertyName("referenceCategory")] string ReferenceCategory,
    [property: JsonPropertyName("referenceType")] string ReferenceType,
    [property: JsonPropertyName("referenceLocator")] string ReferenceLocator)
{
    public static SpdxExternalRef Purl(string purl) => new("PACKAGE-MANAGER", "purl", purl);
}

/// <summary>An SPDX relationship between two elements (DESCRIBES, CONTAINS, DEPENDS_ON ...).</summary>
public sealed record SpdxRelationship(
    [property: JsonPropertyName("spdxElementId")] string SpdxElementId,
    [property: JsonPropertyName("relationshipType")] string RelationshipType,
    [property: JsonPropertyName("relatedSpdxElement")] string RelatedSpdxElement);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SpdxDocument))]
internal sealed partial class SpdxJsonContext : JsonSerializerContext
{
}

namespace ImageBuild.Tests.Infrastructure;

/// <summary>The OCI documents that have a schema. An image layout's index.json is an <see cref="Index"/>.</summary>
public enum OciSchemaKind
{
    Manifest,
    Index,
    Config,
    Descriptor,

    /// <summary>The <c>oci-layout</c> marker file.</summary>
    Layout,
}

namespace ImageBuild.Registry;

/// <summary>Limits and upload strategy of a <see cref="RegistryClient"/>.</summary>
public sealed record RegistryClientOptions
{
    public static RegistryClientOptions Default { get; } = new();

    /// <summary>Manifests and indexes bigger than this are refused; registries accept at least 4 MiB.</summary>
    public long ManifestSizeLimit { get; init; } = 4 * 1024 * 1024;

    /// <summary>Blobs bigger than this are uploaded in chunks (PATCH) instead of one PUT.</summary>
    public long ChunkedUploadThreshold { get; init; } = 64 * 1024 * 1024;

    /// <summary>The chunk size; a registry's <c>OCI-Chunk-Min-Length</c> raises it.</summary>
    public long ChunkSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>How often a chunked upload asks the registry where it stands and resumes after a broken chunk.</summary>
    public int MaxUploadResumes { get; init; } = 3;

    /// <summary>How often a blob download that breaks off mid-body continues from where it stopped (Range request).</summary>
    public int MaxDownloadResumes { get; init; } = 3;

    /// <summary>Redirects followed for one GET or HEAD.</summary>
    public int MaxRedirects { get; init; } = 10;
}

using ImageBuild.Registry.Resilience;

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

    /// <summary>
    /// How hard a transfer step that the transport cannot replay is tried again: a blob upload restarts in a fresh
    /// session (or a chunked one resumes from the registry's offset), a download resumes from the byte where it broke
    /// off, a manifest is fetched again; each at most <see cref="RetryOptions.MaxRetries"/> times, waiting with the same
    /// backoff (or the registry's <c>Retry-After</c>). Use the options the transport's <see cref="RetryHandler"/> has.
    /// </summary>
    public RetryOptions Retry { get; init; } = RetryOptions.Default;

    /// <summary>Redirects followed for one GET or HEAD.</summary>
    public int MaxRedirects { get; init; } = 10;
}

using System.Collections.Concurrent;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Registry;

/// <summary>
/// One repository of a registry as a blob target for <see cref="ContentCopier"/>. Blobs the repository has
/// are skipped (HEAD); a blob the caller says another repository of the same registry holds is mounted from
/// there, and when the registry declines the mount its upload session carries the data instead. Manifests
/// and indexes are pushed by digest; tagging them is the caller's next step.
/// </summary>
public sealed class RegistryBlobSink : IBlobWriter
{
    private readonly RegistryClient client;
    private readonly Func<Descriptor, string?> mountSourceFor;
    private readonly ConcurrentDictionary<Digest, bool> existing = new();
    private readonly ConcurrentDictionary<Digest, bool> uploaded = new();
    private readonly ConcurrentDictionary<Digest, string> mounted = new();

    /// <param name="mountSourceFor">The repository on the same registry that may hold a blob, or null to upload it.</param>
    public RegistryBlobSink(RegistryClient client, string repository, Func<Descriptor, string?>? mountSourceFor = null)
    {
        this.client = client;
        Repository = repository;
        this.mountSourceFor = mountSourceFor ?? (_ => null);
    }

    public string Repository { get; }

    /// <summary>Blobs that arrived by a cross-repository mount rather than an upload.</summary>
    public int MountedCount => mounted.Count;

    /// <summary>Blobs (not manifests) uploaded through this sink.</summary>
    public IReadOnlyCollection<Digest> Uploaded => uploaded.Keys.ToList();

    /// <summary>Blobs mounted through this sink, with the repository each came from.</summary>
    public IReadOnlyDictionary<Digest, string> Mounted => new Dictionary<Digest, string>(mounted);

    /// <summary>Blobs and manifests the repository already had when asked.</summary>
    public IReadOnlyCollection<Digest> Existing => existing.Keys.ToList();

    public async Task<bool> HasBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        var has = ContentGraph.HasChildren(descriptor)
            ? await client.HeadManifestAsync(Repository, descriptor.Digest.ToString(), cancellationToken) is not null
            : await client.HasBlobAsync(Repository, descriptor.Digest, cancellationToken);
        if (has)
        {
            existing[descriptor.Digest] = true;
        }

        return has;
    }

    /// <summary>Uploads from <paramref name="content"/>; a failed upload restarts only when the stream can seek back.</summary>
    public Task WriteBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken = default) =>
        WriteAsync(descriptor, UploadSource.FromStream(content), cancellationToken);

    /// <summary>Uploads from a source opened afresh for each attempt, so any failed upload can restart.</summary>
    public Task WriteBlobAsync(Descriptor descriptor, Func<CancellationToken, Task<Stream>> open, CancellationToken cancellationToken = default) =>
        WriteAsync(descriptor, UploadSource.FromReopener(open, $"{descriptor.Digest} to {client.Registry}/{Repository}"), cancellationToken);

    private async Task WriteAsync(Descriptor descriptor, UploadSource source, CancellationToken cancellationToken)
    {
        if (ContentGraph.HasChildren(descriptor))
        {
            var content = await source.OpenAtAsync(0, descriptor.Digest.ToString(), cancellationToken);
            try
            {
                await PutManifestAsync(descriptor, content, cancellationToken);
            }
            finally
            {
                await source.ReleaseAsync(content);
            }

            return;
        }

        var from = mountSourceFor(descriptor);
        if (from is null || from == Repository)
        {
            await client.UploadBlobAsync(Repository, descriptor, source, cancellationToken);
            uploaded[descriptor.Digest] = true;
            return;
        }

        var mount = await client.MountBlobAsync(Repository, descriptor.Digest, from, cancellationToken);
        if (mount.Mounted)
        {
            mounted[descriptor.Digest] = from;
            return;
        }

        await client.CompleteUploadAsync(mount.Session!, descriptor, source, cancellationToken);
        uploaded[descriptor.Digest] = true;
    }

    private async Task PutManifestAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
    {
        if (descriptor.Size > client.Options.ManifestSizeLimit)
        {
            throw new ImageBuildException($"{descriptor.MediaType} {descriptor.Digest} is {descriptor.Size} bytes, over the {client.Options.ManifestSizeLimit}-byte limit registries accept for manifests");
        }

        using var buffer = new MemoryStream((int)descriptor.Size);
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length != descriptor.Size)
        {
            throw new ImageBuildException($"manifest {descriptor.Digest} is {buffer.Length} bytes but its descriptor says {descriptor.Size}: the source is corrupt");
        }

        await client.PutManifestAsync(Repository, descriptor.Digest.ToString(), buffer.GetBuffer().AsMemory(0, (int)buffer.Length), descriptor.MediaType, cancellationToken);
    }
}

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

    /// <param name="mountSourceFor">The repository on the same registry that may hold a blob, or null to upload it.</param>
    public RegistryBlobSink(RegistryClient client, string repository, Func<Descriptor, string?>? mountSourceFor = null)
    {
        this.client = client;
        Repository = repository;
        this.mountSourceFor = mountSourceFor ?? (_ => null);
    }

    public string Repository { get; }

    /// <summary>Blobs that arrived by a cross-repository mount rather than an upload.</summary>
    public int MountedCount { get; private set; }

    public async Task<bool> HasBlobAsync(Descriptor descriptor, CancellationToken cancellationToken) =>
        ContentGraph.HasChildren(descriptor)
            ? await client.HeadManifestAsync(Repository, descriptor.Digest.ToString(), cancellationToken) is not null
            : await client.HasBlobAsync(Repository, descriptor.Digest, cancellationToken);

    public async Task WriteBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
    {
        if (ContentGraph.HasChildren(descriptor))
        {
            await PutManifestAsync(descriptor, content, cancellationToken);
            return;
        }

        var from = mountSourceFor(descriptor);
        if (from is null || from == Repository)
        {
            await client.UploadBlobAsync(Repository, descriptor, content, cancellationToken);
            return;
        }

        var mount = await client.MountBlobAsync(Repository, descriptor.Digest, from, cancellationToken);
        if (mount.Mounted)
        {
            MountedCount++;
            return;
        }

        await client.CompleteUploadAsync(mount.Session!, descriptor, content, cancellationToken);
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

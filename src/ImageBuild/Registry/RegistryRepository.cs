using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Registry;

/// <summary>
/// One repository of a registry as a blob source for <see cref="ContentCopier"/>: manifests and indexes come
/// from the manifests endpoint (registries do not serve them as blobs), everything else from the blobs
/// endpoint. Content the registry does not have raises <see cref="NotFoundException"/>, as
/// <see cref="IBlobReader"/> promises. It lists referrers too, through the referrers API or its tag schema.
/// </summary>
public sealed class RegistryRepository : IBlobReader, IReferrerSource
{
    internal RegistryRepository(RegistryClient client, string name)
    {
        Client = client;
        Name = name;
    }

    public RegistryClient Client { get; }

    /// <summary>The repository path inside the registry, such as <c>library/alpine</c>.</summary>
    public string Name { get; }

    public override string ToString() => $"{Client.Registry}/{Name}";

    public async Task<IReadOnlyList<Descriptor>> ListReferrersAsync(Digest subject, CancellationToken cancellationToken = default) =>
        (await Client.ListReferrersAsync(Name, subject, cancellationToken)).Manifests;

    public async Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        try
        {
            if (ContentGraph.HasChildren(descriptor))
            {
                var manifest = await Client.GetManifestAsync(Name, descriptor.Digest, cancellationToken);
                return new MemoryStream(manifest.Bytes, writable: false);
            }

            return await Client.OpenBlobAsync(Name, descriptor.Digest, cancellationToken);
        }
        catch (RegistryException ex) when (ex.IsNotFound)
        {
            throw new NotFoundException(ex.Message);
        }
    }
}

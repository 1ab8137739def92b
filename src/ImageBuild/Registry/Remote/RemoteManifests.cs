using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Registry.Remote;

/// <summary>Looks up and deletes manifests in a registry by reference, without downloading them.</summary>
public static class RemoteManifests
{
    /// <summary>
    /// The descriptor of the manifest or index <paramref name="reference"/> names, from a HEAD request (a GET
    /// only when the registry leaves out the digest). A missing tag or digest is a <see cref="NotFoundException"/>.
    /// </summary>
    public static async Task<Descriptor> ResolveAsync(RegistryClient client, ImageReference reference, CancellationToken cancellationToken = default)
    {
        var target = reference.TagOrDigest;
        return await client.HeadManifestAsync(reference.Repository, target, cancellationToken)
            ?? throw new NotFoundException(RegistryErrors.ManifestUnknown(new RegistryCall("check manifest", client.Registry, reference.Repository, target)));
    }

    /// <summary>
    /// Deletes the manifest <paramref name="reference"/> names. A tag is first resolved to its digest, because
    /// the distribution API deletes manifests by digest only; the registry then drops every tag of that
    /// manifest. Returns the deleted manifest as <c>name@digest</c>.
    /// </summary>
    public static async Task<ImageReference> DeleteAsync(RegistryClient client, ImageReference reference, CancellationToken cancellationToken = default)
    {
        var digest = reference.Digest ?? (await ResolveAsync(client, reference, cancellationToken)).Digest;
        await client.DeleteManifestAsync(reference.Repository, digest.ToString(), cancellationToken);
        return reference.WithoutTagOrDigest().WithDigest(digest);
    }
}

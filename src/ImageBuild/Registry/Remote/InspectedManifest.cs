using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Registry.Remote;

/// <summary>
/// One image manifest as a registry serves it, with the descriptor docker's <c>manifest inspect -v</c> shows:
/// media type, digest, size and the platform (from the index entry, or from the config for a lone manifest).
/// </summary>
/// <param name="Reference">The reference it was reached by; an index's children carry their own digest.</param>
/// <param name="Bytes">The manifest exactly as served, which <see cref="Descriptor"/>'s digest names.</param>
public sealed record InspectedManifest(ImageReference Reference, Descriptor Descriptor, byte[] Bytes)
{
    /// <summary>True for Docker schema 2, false for OCI.</summary>
    public bool IsDocker => Descriptor.MediaType == MediaTypes.DockerManifest;
}

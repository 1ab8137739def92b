using ImageBuild.Oci;

namespace ImageBuild.Registry;

/// <summary>A manifest or index as the registry served it: the exact bytes, their media type and their verified digest.</summary>
public sealed record RegistryManifest(byte[] Bytes, string MediaType, Digest Digest)
{
    public Descriptor ToDescriptor() => new() { MediaType = MediaType, Digest = Digest, Size = Bytes.Length };
}

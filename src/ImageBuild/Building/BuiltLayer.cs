using ImageBuild.Oci;

namespace ImageBuild.Building;

/// <summary>A layer the build added: the blob as stored and whether the layer cache supplied it.</summary>
public sealed record BuiltLayer(string Name, Digest Digest, long Size, Digest DiffId, string MediaType, bool FromCache);

using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>One manifest of an inspected index.</summary>
/// <param name="Available">True when the manifest, its config and its layers are all in the store.</param>
public sealed record ImageInspectManifest(string Digest, string MediaType, long Size, Platform? Platform, bool Available);

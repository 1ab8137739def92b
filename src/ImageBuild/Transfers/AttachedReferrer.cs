using ImageBuild.Oci;

namespace ImageBuild.Transfers;

/// <summary>A referrer of an image and the subject it is attached to: the image's root, or one platform manifest of its index.</summary>
/// <param name="Platform">The subject's platform when it is a platform manifest of an index; null for the root.</param>
public sealed record AttachedReferrer(Descriptor Descriptor, Digest Subject, Platform? Platform);

using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>A blob reachable from an image root. <see cref="Content"/> holds the verified bytes of JSON documents.</summary>
internal sealed record ImageBlob(Descriptor Descriptor, ImageBlobKind Kind, byte[]? Content);

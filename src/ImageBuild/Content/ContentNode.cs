using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>A blob a <see cref="ContentWalk"/> reached, the document that named it (null for a root), and a document's verified bytes.</summary>
/// <param name="Document">The bytes of a manifest or index; null for a leaf (config, layer, blob of an unknown type).</param>
public sealed record ContentNode(Descriptor Descriptor, Descriptor? Parent, byte[]? Document);

using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>One manifest an index lists, and how much of it the store holds.</summary>
/// <param name="Image">The manifest and config when both could be read; null when the manifest is not stored.</param>
/// <param name="IsAvailable">True when the manifest, its config and all its layers are in the store.</param>
/// <param name="Size">Bytes of it on disk (manifest, config, compressed layers present).</param>
public sealed record IndexChild(Descriptor Descriptor, SelectedImage? Image, bool IsAvailable, long Size);

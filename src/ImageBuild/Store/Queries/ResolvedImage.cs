using ImageBuild.Oci;

namespace ImageBuild.Store.Queries;

/// <summary>The image some user input named.</summary>
/// <param name="Tag">The stored name that matched when the input was a tag or a stored digest reference.</param>
/// <param name="Descriptor">The manifest (or index) the input points at: a tag's own entry, else the image's primary one.</param>
/// <param name="Reference">The name that matched (a tag or a digest reference); null when the input was an ID.</param>
public sealed record ResolvedImage(StoreImage Image, ImageResolution How, ImageTag? Tag, Descriptor Descriptor, References.ImageReference? Reference = null);

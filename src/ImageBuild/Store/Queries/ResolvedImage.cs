namespace ImageBuild.Store.Queries;

/// <summary>The image some user input named.</summary>
/// <param name="Tag">The tag that matched when <paramref name="How"/> is <see cref="ImageResolution.ByReference"/>.</param>
public sealed record ResolvedImage(StoreImage Image, ImageResolution How, ImageTag? Tag);

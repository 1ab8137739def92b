namespace ImageBuild.Transfers;

/// <summary>An image <see cref="ImageLookup"/> opened, and the name it goes by there (null when found by ID or unnamed).</summary>
public sealed record FoundImage(ImageSource Source, string? Name);

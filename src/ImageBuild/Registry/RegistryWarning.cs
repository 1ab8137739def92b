namespace ImageBuild.Registry;

/// <summary>A <c>Warning: 299</c> header a registry sent, such as a deprecation notice, for the user to see.</summary>
public sealed record RegistryWarning(string Registry, string Text);

using ImageBuild.Oci;

namespace ImageBuild.Daemon;

/// <summary>What a daemon said about itself when connected.</summary>
/// <param name="Product">"Docker Engine", "Podman Engine", as the daemon names itself.</param>
/// <param name="ApiVersion">The highest Engine API version it speaks; null for the podman command.</param>
/// <param name="Platform">The platform its images run on, which picks the image of a multi-platform index.</param>
public sealed record DaemonInfo(string Product, string Version, Version? ApiVersion, Platform Platform);

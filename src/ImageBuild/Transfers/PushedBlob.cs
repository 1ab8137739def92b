using ImageBuild.Oci;

namespace ImageBuild.Transfers;

/// <summary>One blob (or manifest) of a push.</summary>
/// <param name="MountedFrom">The repository of the same registry it was mounted from, when <see cref="Outcome"/> is <see cref="PushOutcome.Mounted"/>.</param>
public sealed record PushedBlob(Descriptor Descriptor, PushOutcome Outcome, string? MountedFrom);

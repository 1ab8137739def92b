using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.Transfers;

namespace ImageBuild.Building;

/// <summary>A resolved base: where its blobs are read from, and its root (null for scratch).</summary>
/// <param name="Name">The name recorded in the base.name annotation, when the base was named by reference.</param>
/// <param name="Source">The opened location for bases outside the store; it reads registry layers only when asked.</param>
public sealed record BaseImage(IBlobReader Reader, Descriptor? Root, string? Name, ImageSource? Source = null) : IAsyncDisposable
{
    public bool IsScratch => Root is null;

    /// <summary>For a registry base: which repository of a registry holds its blobs, so a push can mount them.</summary>
    public Func<string, string, Descriptor, string?>? MountSource => Source?.MountSource;

    public ValueTask DisposeAsync() => Source?.DisposeAsync() ?? ValueTask.CompletedTask;
}

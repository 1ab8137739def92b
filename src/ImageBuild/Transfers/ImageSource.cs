using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.Registry;

namespace ImageBuild.Transfers;

/// <summary>
/// An opened image to copy from: its root (a manifest or an index) and where its blobs are read. Disposing it
/// removes any scratch copy made to read it (an unpacked archive).
/// </summary>
public sealed class ImageSource : IAsyncDisposable
{
    private readonly Func<ValueTask>? cleanup;

    /// <param name="mountSource">For a registry host, the repository being written and a blob: another repository there known to hold the blob, or null.</param>
    /// <param name="referrers">Where the image's referrers are listed; a registry repository lists them itself.</param>
    public ImageSource(
        Descriptor root,
        IBlobReader reader,
        string displayName,
        RegistryRepository? repository = null,
        Func<string, string, Descriptor, string?>? mountSource = null,
        Func<ValueTask>? cleanup = null,
        IReferrerSource? referrers = null)
    {
        Root = root;
        Reader = reader;
        DisplayName = displayName;
        Repository = repository;
        Referrers = referrers ?? repository;
        MountSource = mountSource ?? (repository is null ? null : (host, target, _) => host == repository.Client.Registry && target != repository.Name ? repository.Name : null);
        this.cleanup = cleanup;
    }

    public Descriptor Root { get; }

    public IBlobReader Reader { get; }

    /// <summary>How messages name the source: <c>127.0.0.1:5000/app:1.0</c>, <c>oci:/tmp/layout:1.0</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The registry repository the image is read from, when it is one.</summary>
    public RegistryRepository? Repository { get; }

    /// <summary>Where the image's referrers (SBOMs, signatures) are listed; null for a place that keeps none (an archive).</summary>
    public IReferrerSource? Referrers { get; }

    /// <summary>Where a registry destination may mount a blob from instead of uploading it; null when nowhere.</summary>
    public Func<string, string, Descriptor, string?>? MountSource { get; }

    public ValueTask DisposeAsync() => cleanup?.Invoke() ?? ValueTask.CompletedTask;
}

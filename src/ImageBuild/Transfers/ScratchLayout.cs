using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>A private directory holding a temporary OCI layout, removed with everything in it on dispose.</summary>
internal sealed class ScratchLayout
{
    private ScratchLayout(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public static ScratchLayout Create(string parent) =>
        new(System.IO.Directory.CreateDirectory(Path.Combine(parent, $"transfer-{Guid.NewGuid():N}")).FullName);

    public Task<OciLayout> OpenLayoutAsync(CancellationToken cancellationToken) =>
        OciLayout.OpenOrCreateAsync(Path.Combine(Directory, "layout"), cancellationToken);

    public ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

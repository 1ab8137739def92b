using ImageBuild.Store;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>
/// A test class's own temp directory with a source <see cref="OciLayout"/> in it, created before each test
/// and deleted after it, for tests that read images from a layout and write them elsewhere.
/// </summary>
public abstract class LayoutTest : IAsyncLifetime
{
    protected TempDirectory Temp { get; } = new();

    protected OciLayout Source { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Source = await NewLayoutAsync("source");

    public Task DisposeAsync()
    {
        Temp.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Creates another layout in the temp directory.</summary>
    protected Task<OciLayout> NewLayoutAsync(string name) => OciLayout.OpenOrCreateAsync(Temp.Combine(name), CancellationToken.None);
}

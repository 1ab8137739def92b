using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>
/// One real docker daemon and one store of ours holding the same images (the template vectors' peer images, loaded
/// from the same docker-archives), shared by every side-by-side test so each pays for neither a daemon nor loads.
/// Tests that remove images use fresh names, or call <see cref="RestorePeerImagesAsync"/> after a prune.
/// </summary>
public sealed class SideBySideFixture : IAsyncLifetime
{
    private TempDirectory? work;
    private IReadOnlyList<string> archives = [];

    public DockerDaemonFixture Daemon { get; } = new();

    /// <summary>Our store with the peer images.</summary>
    public string Store => Path.Combine(Work, "store");

    public string Work => (work ?? throw new InvalidOperationException("not initialized")).Path;

    public async Task InitializeAsync()
    {
        await Daemon.InitializeAsync();
        work = TempDirectory.Create("side-by-side");
        archives = await PeerImages.WriteAsync(Work);
        await RestorePeerImagesAsync();
    }

    /// <summary>Loads the peer images into the daemon and our store (again, after a test pruned them).</summary>
    public async Task RestorePeerImagesAsync()
    {
        foreach (var archive in archives)
        {
            await Daemon.LoadAsync(archive);
            var ours = await ExactRun.OursAsync(Store, "load", "-i", archive);
            Assert.True(ours.ExitCode == 0, ours.Error);
        }
    }

    /// <summary>Runs the docker CLI against the daemon.</summary>
    public Task<ExactRun> DockerAsync(params string[] arguments) =>
        ExactRun.ProcessAsync(DockerDaemonFixture.Docker.Path, arguments, Daemon.Environment);

    /// <summary>Runs our tool against the shared store.</summary>
    public Task<ExactRun> OursAsync(params string[] arguments) => ExactRun.OursAsync(Store, arguments);

    public async Task DisposeAsync()
    {
        await Daemon.DisposeAsync();
        work?.Dispose();
    }
}

/// <summary>Tests that compare docker and our tool on the same images; they share one daemon and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SideBySideCollection : ICollectionFixture<SideBySideFixture>
{
    public const string Name = "Docker side by side";
}

using Xunit.Sdk;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A small tmpfs mounted on a directory, for a store that fills up or turns read-only on cue. Mounting needs
/// root (eng/test.sh runs as root); without it the test fails rather than pass having tested nothing.
/// </summary>
public sealed class Tmpfs : IAsyncDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    /// <param name="size">As mount takes it: "8m", "64m".</param>
    public static async Task<Tmpfs> MountAsync(string directory, string size)
    {
        if ((await ProcessRunner.OutputOfAsync("id", "-u")).Trim() != "0")
        {
            throw new XunitException("mounting a tmpfs needs root: run the integration tests as root (eng/test.sh does)");
        }

        Directory.CreateDirectory(directory);
        await ProcessRunner.OutputOfAsync("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", directory);
        return new Tmpfs(directory);
    }

    /// <summary>Gives the file system another size: more space returns, or less takes it away.</summary>
    public Task ResizeAsync(string size) => ProcessRunner.OutputOfAsync("mount", "-o", $"remount,size={size}", Path);

    public Task MakeReadOnlyAsync() => ProcessRunner.OutputOfAsync("mount", "-o", "remount,ro", Path);

    public Task MakeWritableAsync() => ProcessRunner.OutputOfAsync("mount", "-o", "remount,rw", Path);

    public async ValueTask DisposeAsync() => await ProcessRunner.OutputOfAsync("umount", "--lazy", Path);
}

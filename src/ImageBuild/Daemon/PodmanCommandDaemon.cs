using System.ComponentModel;
using System.Diagnostics;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Daemon;

/// <summary>
/// Podman without its API socket: the <c>podman</c> command, which works on the same image storage. Archives go to
/// <c>podman load</c>'s standard input and come from <c>podman save</c>'s standard output as they are made, so nothing is
/// collected first here either.
/// </summary>
public sealed class PodmanCommandDaemon(DaemonEndpoint endpoint, string podmanPath) : IImageDaemon
{
    public DaemonEndpoint Endpoint => endpoint;

    public async Task<DaemonInfo> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var output = await RunAsync(["version", "--format", "{{.Client.Version}} {{.Client.OsArch}}"], null, cancellationToken);
        var parts = output.Trim().Split(' ', 2);
        var platform = parts.Length == 2 ? Platform.Parse(parts[1]) : Platform.Current();
        return new DaemonInfo("Podman", parts[0], null, platform);
    }

    public async Task<string?> FindImageIdAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        using var process = Start(["image", "inspect", "--format", "{{.Id}}", nameOrId], redirectInput: false);
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 && output.Trim() is { Length: > 0 } id ? (id.Contains(':') ? id : "sha256:" + id) : null;
    }

    public async Task<string> LoadAsync(Func<Stream, CancellationToken, Task> writeArchive, CancellationToken cancellationToken = default)
    {
        var output = await RunAsync(["load"], writeArchive, cancellationToken);
        return DaemonLoadOutput.ImageId(output)
            ?? throw new ImageBuildException($"podman load did not say which image it loaded (it said \"{output.Trim()}\")");
    }

    public Task TagAsync(string imageId, ImageReference name, CancellationToken cancellationToken = default) =>
        RunAsync(["tag", imageId, name.WithDefaultTag().ToString()], null, cancellationToken);

    public Task<Stream> SaveAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        var process = Start(["save", "--format", "docker-archive", nameOrId], redirectInput: false);
        return Task.FromResult<Stream>(new ProcessOutputStream(process, $"podman save {nameOrId}"));
    }

    public void Dispose()
    {
    }

    private async Task<string> RunAsync(IReadOnlyList<string> arguments, Func<Stream, CancellationToken, Task>? writeInput, CancellationToken cancellationToken)
    {
        using var process = Start(arguments, redirectInput: writeInput is not null);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            if (writeInput is not null)
            {
                await using var input = process.StandardInput.BaseStream;
                await writeInput(input, cancellationToken);
            }

            await process.WaitForExitAsync(cancellationToken);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            throw;
        }

        if (process.ExitCode != 0)
        {
            var said = (await error).ReplaceLineEndings(" ").Trim();
            throw said.Contains("no space left on device", StringComparison.OrdinalIgnoreCase)
                ? DaemonErrors.LoadFailed(said, endpoint)
                : new ImageBuildException($"podman {arguments[0]} failed (exit code {process.ExitCode}): {said}");
        }

        return await output;
    }

    private Process Start(IReadOnlyList<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo(podmanPath)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start) ?? throw new ImageBuildException($"could not start {podmanPath}");
        }
        catch (Win32Exception ex)
        {
            throw new ImageBuildException($"could not run {podmanPath} ({ex.Message}): install podman, or start its API socket and set CONTAINER_HOST");
        }
    }
}

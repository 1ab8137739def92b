using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using ImageBuild.Publishing;

namespace ImageBuild.Tasks;

/// <summary>
/// The native dotnet-image this package carries for the machine's RID (under <c>native/RID/</c> next to the task), run
/// with a <see cref="PublishJob"/>. A fresh MSBuild process would JIT-compile the build's code on every publish; the
/// native tool starts in milliseconds with all of it compiled. Where the package carries no executable for the
/// machine, the task publishes in its own process (<see cref="PublishRunner"/>), which gives the same image.
/// </summary>
internal sealed class NativePublishTool(string executable)
{
    /// <summary>After a cancel, how long the tool gets to stop cleanly (temp files, no tag) before it is killed.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(20);

    public string Executable => executable;

    /// <summary>The executable for this machine next to <paramref name="taskDirectory"/>, made executable if unpacking lost the bit; null when there is none.</summary>
    public static NativePublishTool? Find(string taskDirectory, Action<string> detail)
    {
        var path = Path.Combine(taskDirectory, "native", RuntimeInformation.RuntimeIdentifier, OperatingSystem.IsWindows() ? "dotnet-image.exe" : "dotnet-image");
        if (!File.Exists(path))
        {
            detail($"PublishImage: no native dotnet-image for {RuntimeInformation.RuntimeIdentifier} in the package; publishing in the MSBuild process");
            return null;
        }

        if (!OperatingSystem.IsWindows())
        {
            // A package is a zip, and restoring it does not always keep a file's execute bit.
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                try
                {
                    File.SetUnixFileMode(path, mode | execute);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    detail($"PublishImage: cannot make {path} executable ({e.Message}); publishing in the MSBuild process");
                    return null;
                }
            }
        }

        return new NativePublishTool(path);
    }

    public async Task<(PublishedImage? Published, PublishFailure? Failure)> RunAsync(
        PublishJob job, Action<string> detail, Action<string> warning, CancellationToken cancellationToken)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var start = new ProcessStartInfo(executable, [PublishProtocol.CommandName])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = utf8,
            StandardOutputEncoding = utf8,
            StandardErrorEncoding = utf8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.StandardInput.WriteLineAsync(PublishProtocol.Serialize(job));
        await process.StandardInput.FlushAsync(CancellationToken.None);
        using var stop = cancellationToken.Register(() => Stop(process));

        PublishMessage? last = null;
        while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
        {
            var message = PublishProtocol.ReadMessage(line);
            if (message.Detail is { } text)
            {
                detail(text);
            }
            else if (message.Warning is { } warningText)
            {
                warning(warningText);
            }
            else
            {
                last = message;
            }
        }

        await process.WaitForExitAsync(CancellationToken.None);
        var stderr = await errors;
        if (last?.Result is { } published)
        {
            return (published, null);
        }

        if (last?.Failure is { } failure)
        {
            return (null, failure);
        }

        var lastError = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
        return (null, new PublishFailure(
            PublishErrors.Unexpected,
            $"image {job.Request.Repository}: {executable} stopped (exit code {process.ExitCode}) without a result: {lastError}; set ContainerPublishInProcess=true to publish inside MSBuild, and report this",
            stderr));
    }

    /// <summary>Closing the tool's input is its cancel; one that does not stop in time is killed.</summary>
    private static void Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
        }

        _ = Task.Delay(CancelGrace).ContinueWith(
            _ =>
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                }
            },
            TaskScheduler.Default);
    }
}

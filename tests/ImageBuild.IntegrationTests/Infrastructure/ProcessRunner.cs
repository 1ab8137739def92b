using System.Diagnostics;
using System.Text;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>Runs a program directly (no shell), with its output captured and a time limit.</summary>
public static class ProcessRunner
{
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Runs <paramref name="fileName"/> to completion. Standard input is closed at once so nothing waits
    /// for a terminal. A process that outlives <paramref name="timeout"/> is killed with its children and
    /// the test fails with what it had printed.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var argumentList = arguments.ToList();
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in argumentList)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var limit = timeout ?? DefaultTimeout;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            var partial = new ProcessResult(fileName, argumentList, -1, Read(stdout), Read(stderr));
            throw new TimeoutException($"killed after {limit.TotalSeconds:0} s\n{partial.Describe()}");
        }

        // The parameterless wait drains the asynchronous output readers.
        process.WaitForExit();
        return new ProcessResult(fileName, argumentList, process.ExitCode, Read(stdout), Read(stderr));
    }

    /// <summary>Runs <paramref name="fileName"/> with default limits and returns its standard output; fails the test unless it exits with 0.</summary>
    public static async Task<string> OutputOfAsync(string fileName, params string[] arguments) =>
        (await RunAsync(fileName, arguments)).EnsureSuccess().StandardOutput;

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}

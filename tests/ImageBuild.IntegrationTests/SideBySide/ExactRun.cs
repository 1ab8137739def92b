using System.Diagnostics;
using ImageBuild.Cli;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Templates.Text;

namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>
/// One run of a command and exactly what it wrote: exit code, standard output and standard error, byte for byte
/// (decoded as Go strings, so invalid UTF-8 survives). Error lines of ours lose their "error: " prefix, which docker
/// does not print (see docs/docker-differences.md).
/// </summary>
public sealed record ExactRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs a program to completion; <paramref name="input"/> is written to its standard input, which is then closed.</summary>
    public static async Task<ExactRun> ProcessAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string input = "")
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var output = new MemoryStream();
        using var error = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Task.WhenAll(
            process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token),
            process.StandardError.BaseStream.CopyToAsync(error, timeout.Token),
            process.WaitForExitAsync(timeout.Token));
        return new ExactRun(process.ExitCode, GoText.FromBytes(output.ToArray()), GoText.FromBytes(error.ToArray()));
    }

    /// <summary>Runs our tool as its own process, for what needs its real standard input and output.</summary>
    public static async Task<ExactRun> OurProcessAsync(string store, string input, params string[] arguments)
    {
        var run = await ProcessAsync(CliRunner.ToolPath, ["--store", store, .. arguments], new Dictionary<string, string?>(), input);
        return run with { Error = WithoutErrorPrefix(run.Error) };
    }

    /// <summary>Runs our tool in this process, as its Program does, against <paramref name="store"/>.</summary>
    public static async Task<ExactRun> OursAsync(string store, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(["--store", store, .. arguments], output, error, CancellationToken.None);
        return new ExactRun(exitCode, output.ToString(), WithoutErrorPrefix(error.ToString()));
    }

    private static string WithoutErrorPrefix(string error) =>
        string.Join('\n', error.Split('\n').Select(line => line.StartsWith("error: ", StringComparison.Ordinal) ? line["error: ".Length..] : line));
}

using System.Diagnostics;
using System.Globalization;

namespace ImageBuild.Cli.Rendering;

/// <summary>The --timings line of every command: the process's start-up (runtime, parsing) and the command itself.</summary>
internal static class CommandTimings
{
    public static string Describe(long commandStartTimestamp)
    {
        var command = Stopwatch.GetElapsedTime(commandStartTimestamp);
        using var process = Process.GetCurrentProcess();
        var startup = DateTime.Now - process.StartTime - command;
        return string.Create(CultureInfo.InvariantCulture, $"timings: start-up {Math.Max(0, (long)startup.TotalMilliseconds)} ms, command {(long)command.TotalMilliseconds} ms");
    }
}

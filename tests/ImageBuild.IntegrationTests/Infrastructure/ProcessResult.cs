using Xunit.Sdk;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>How a finished process ended and everything it printed.</summary>
public sealed record ProcessResult(string FileName, IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError)
{
    public string CommandLine => string.Join(' ', Arguments.Prepend(FileName).Select(Quote));

    /// <summary>Fails the test, showing the command and its output, unless the process exited with 0.</summary>
    public ProcessResult EnsureSuccess() => EnsureExitCode(0);

    /// <summary>Fails the test, showing the command and its output, unless the process exited with <paramref name="expected"/>.</summary>
    public ProcessResult EnsureExitCode(int expected)
    {
        if (ExitCode != expected)
        {
            throw new XunitException($"expected exit code {expected} but got {ExitCode}\n{Describe()}");
        }

        return this;
    }

    public string Describe() =>
        $"command: {CommandLine}\nexit code: {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@,+%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

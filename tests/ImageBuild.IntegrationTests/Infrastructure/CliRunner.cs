namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the installed <c>dotnet image</c> tool as a separate process against its own store, the way a user would.
/// </summary>
public sealed class CliRunner
{
    private readonly IReadOnlyDictionary<string, string?> environment;

    public CliRunner(string storeDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        StoreDirectory = storeDirectory;
        this.environment = environment ?? new Dictionary<string, string?>();
    }

    public string StoreDirectory { get; }

    /// <summary>The installed tool (see <see cref="InstalledTool"/>): a native executable, run without a dotnet host.</summary>
    public static string ToolPath => InstalledTool.Path;

    /// <summary>
    /// Starts <c>dotnet-image --store STORE ARGUMENTS</c> and returns at once, for tests that signal the
    /// running tool; standard input is closed, output and error are redirected for the caller to read.
    /// </summary>
    public System.Diagnostics.Process Start(params string[] arguments)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo(ToolPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--store", StoreDirectory, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = System.Diagnostics.Process.Start(startInfo)!;
        process.StandardInput.Close();
        return process;
    }

    public Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(arguments, timeout: null, CancellationToken.None);

    /// <summary>Runs <c>bash -c SCRIPT</c>, where <c>$IMAGE</c> in the script is the tool with this store, for tests of redirections and pipes.</summary>
    public Task<ProcessResult> RunInShellAsync(string script)
    {
        var tool = string.Join(' ', new[] { ToolPath, "--store", StoreDirectory }.Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return ProcessRunner.RunAsync("bash", ["-c", script.Replace("$IMAGE", tool, StringComparison.Ordinal)], environment: environment);
    }

    /// <summary>Runs <c>dotnet-image --store STORE ARGUMENTS</c>; the caller checks the exit code.</summary>
    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        string[] prefix = ["--store", StoreDirectory];
        return ProcessRunner.RunAsync(ToolPath, prefix.Concat(arguments), timeout, environment: environment, cancellationToken: cancellationToken);
    }
}

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the built <c>dotnet image</c> tool as a separate process against its own store, the way a user
/// would. The test project references the CLI project, so dotnet-image.dll sits next to the tests.
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

    public static string ToolPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"dotnet-image.dll is not next to the test assembly in {AppContext.BaseDirectory}: build ImageBuild.sln first", path);
        }
    }

    /// <summary>The dotnet host that runs the tests, so the tool runs on the same runtime.</summary>
    public static string DotnetHost
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return string.IsNullOrEmpty(host) ? "dotnet" : host;
        }
    }

    /// <summary>
    /// Starts <c>dotnet-image --store STORE ARGUMENTS</c> and returns at once, for tests that signal the
    /// running tool; standard input is closed, output and error are redirected for the caller to read.
    /// </summary>
    public System.Diagnostics.Process Start(params string[] arguments)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo(DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[ToolPath, "--store", StoreDirectory, .. arguments])
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

    /// <summary>Runs <c>dotnet-image --store STORE ARGUMENTS</c>; the caller checks the exit code.</summary>
    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        string[] prefix = [ToolPath, "--store", StoreDirectory];
        return ProcessRunner.RunAsync(DotnetHost, prefix.Concat(arguments), timeout, environment: environment, cancellationToken: cancellationToken);
    }
}

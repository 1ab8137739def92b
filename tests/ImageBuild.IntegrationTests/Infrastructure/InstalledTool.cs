namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// The <c>dotnet image</c> executable the CLI tests run: the packed tool as <c>dotnet tool install</c> installs it
/// (the native linux-x64 build here), so what users get is what is tested. eng/test.sh installs it once per run and
/// names it in $IMAGEBUILD_INSTALLED_TOOL; without that, the first test that needs it runs eng/install-tool.sh,
/// which reuses an install of the same sources from the test cache and otherwise packs and installs one.
/// </summary>
public static class InstalledTool
{
    public const string Variable = "IMAGEBUILD_INSTALLED_TOOL";

    private static readonly Lazy<string> LazyPath = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => LazyPath.Value;

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException($"${Variable} names {configured}, which does not exist: run eng/install-tool.sh", configured);
        }

        var script = System.IO.Path.Combine(RepositoryRoot.Path, "eng", "install-tool.sh");
        // Packing includes a Native AOT compile, minutes on a busy machine; later runs of the same sources reuse it.
        var result = ProcessRunner.RunAsync("bash", [script], TimeSpan.FromMinutes(20), environment: new Dictionary<string, string?>
        {
            ["MSBuildExtensionsPath"] = null,
            ["MSBuildSDKsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
        }).GetAwaiter().GetResult().EnsureSuccess();
        var path = result.StandardOutput.TrimEnd().Split('\n')[^1].Trim();
        return File.Exists(path) ? path : throw new FileNotFoundException($"eng/install-tool.sh printed {path}, which does not exist", path);
    }
}

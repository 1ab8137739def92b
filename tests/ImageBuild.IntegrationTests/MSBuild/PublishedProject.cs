using System.Text.RegularExpressions;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// A fresh project in a temp folder that references the packed ImageBuild.Tasks through its own nuget.config,
/// published with a real <c>dotnet publish -t:PublishImage</c> into a store of its own.
/// </summary>
public sealed partial class PublishedProject : IDisposable
{
    private readonly TempDirectory directory = TempDirectory.Create("imagebuild-msbuild");

    private PublishedProject(string name) => Name = name;

    /// <summary>The environment of a dotnet process started from a test host, minus the MSBuild settings the host leaks.</summary>
    public static IReadOnlyDictionary<string, string?> CleanEnvironment { get; } = new Dictionary<string, string?>
    {
        ["MSBuildExtensionsPath"] = null,
        ["MSBuildSDKsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_IMAGE_STORE"] = null,
        ["SOURCE_DATE_EPOCH"] = null,
    };

    public string Name { get; }

    public string Root => directory.Path;

    public string ProjectDirectory => directory.Combine(Name);

    public string Store => directory.Combine("store");

    public string DigestFile => directory.Combine("image.digest");

    /// <summary>Writes nuget.config, NAME/NAME.csproj (with the package reference added) and the given sources.</summary>
    public static PublishedProject Create(TasksPackageFixture package, string name, string projectXml, IReadOnlyDictionary<string, string> files)
    {
        var project = new PublishedProject(name);
        File.WriteAllText(project.directory.Combine("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{package.PackageDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        Directory.CreateDirectory(project.ProjectDirectory);
        var reference = $"""<ItemGroup><PackageReference Include="ImageBuild.Tasks" Version="{package.Version}" /></ItemGroup>""";
        File.WriteAllText(Path.Combine(project.ProjectDirectory, name + ".csproj"), projectXml.Replace("</Project>", reference + "\n</Project>"));
        foreach (var (path, text) in files)
        {
            project.Write(path, text);
        }

        return project;
    }

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>dotnet publish NAME -t:PublishImage -c Release into this project's store, plus <paramref name="properties"/>.</summary>
    public Task<ProcessResult> PublishAsync(params string[] properties) => PublishAsync(new Dictionary<string, string?>(), properties);

    /// <summary>As <see cref="PublishAsync(string[])"/>, with <paramref name="environment"/> added to the clean environment (e.g. registry credentials).</summary>
    public Task<ProcessResult> PublishAsync(IReadOnlyDictionary<string, string?> environment, params string[] properties) =>
        RunPublishAsync(environment, properties.Select(p => "-p:" + p));

    /// <summary>As <see cref="PublishAsync(string[])"/> at detailed verbosity (-v:d), which shows the task's low-importance messages.</summary>
    public Task<ProcessResult> PublishDetailedAsync(params string[] properties) =>
        RunPublishAsync(new Dictionary<string, string?>(), ["-v:d", .. properties.Select(p => "-p:" + p)]);

    private Task<ProcessResult> RunPublishAsync(IReadOnlyDictionary<string, string?> environment, IEnumerable<string> arguments) =>
        ProcessRunner.RunAsync(
            "dotnet",
            [
                "publish", ProjectDirectory, "-t:PublishImage", "-c", "Release", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false",
                $"-p:ContainerImageStore={Store}", $"-p:ContainerImageDigestFile={DigestFile}", .. arguments,
            ],
            TimeSpan.FromMinutes(5),
            workingDirectory: Root,
            environment: CleanEnvironment.Concat(environment).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value));

    /// <summary>The MSBuild errors of a publish, as "CODE: text".</summary>
    public static IReadOnlyList<string> Errors(ProcessResult result) =>
        ErrorLine().Matches(result.StandardOutput + result.StandardError).Select(m => m.Groups[1].Value + ": " + m.Groups[2].Value.Trim()).Distinct().ToList();

    public void DeleteBuildOutput()
    {
        foreach (var folder in new[] { "bin", "obj" })
        {
            var path = Path.Combine(ProjectDirectory, folder);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    public void Dispose() => directory.Dispose();

    [GeneratedRegex(@"error ([A-Z]+[0-9]+): (.*?)(?: \[[^\]]*\])?$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}

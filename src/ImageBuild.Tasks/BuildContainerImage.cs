using System.Runtime;
using System.Runtime.Loader;
using ImageBuild.Building;
using ImageBuild.Publishing;
using ImageBuild.Store;
using Microsoft.Build.Framework;
using MsBuildTask = Microsoft.Build.Utilities.Task;

namespace ImageBuild.Tasks;

/// <summary>
/// The task behind <c>PublishImage</c>: the project's container properties and publish files in, one image
/// (or index) out. Every failure is logged as one IMGxxxx error; nothing is thrown to MSBuild.
/// </summary>
public sealed class BuildContainerImage : MsBuildTask, ICancelableTask
{
    private readonly CancellationTokenSource cancellation = new();

    /// <summary>ResolvedFileToPublish items with PublishPath (the file in the publish folder) and ContainerRuntimeIdentifier.</summary>
    [Required]
    public ITaskItem[] PublishFiles { get; set; } = [];

    [Required]
    public string[] RuntimeIdentifiers { get; set; } = [];

    [Required]
    public string Repository { get; set; } = string.Empty;

    [Required]
    public string TargetFrameworkVersion { get; set; } = string.Empty;

    public string? BaseImage { get; set; }

    public string? BaseRegistry { get; set; }

    public string? Family { get; set; }

    public string? RuntimePackVersion { get; set; }

    public bool IsSelfContained { get; set; }

    public bool IsAot { get; set; }

    public bool IsWeb { get; set; }

    public string? Registry { get; set; }

    public string[] Tags { get; set; } = [];

    public string? SemverTags { get; set; }

    public string? ImageOutput { get; set; }

    public string? ArchiveOutputPath { get; set; }

    /// <summary>The SDK's LocalRegistry: Docker or Podman.</summary>
    public string? LocalRegistry { get; set; }

    /// <summary>
    /// The project's name: it starts the summary line (so MSBuild's terminal logger shows it as the project's output) and
    /// names the SBOM's root package.
    /// </summary>
    public string? ProjectName { get; set; }

    public string? ImageFormat { get; set; }

    public string? Compression { get; set; }

    public string WorkingDirectory { get; set; } = "/app/";

    public string? AppCommandInstruction { get; set; }

    public string[] AppCommand { get; set; } = [];

    public string[] AppCommandArgs { get; set; } = [];

    public string[] DefaultArgs { get; set; } = [];

    public string? User { get; set; }

    public ITaskItem[] Ports { get; set; } = [];

    public ITaskItem[] EnvironmentVariables { get; set; } = [];

    public ITaskItem[] Labels { get; set; } = [];

    public ITaskItem[] Annotations { get; set; } = [];

    public ITaskItem[] Layers { get; set; } = [];

    public string Layering { get; set; } = PublishLayering.Auto;

    public bool GenerateLabels { get; set; } = true;

    /// <summary>ContainerImageCreated: empty for reproducible (SOURCE_DATE_EPOCH or the epoch), now, RFC 3339 or Unix seconds.</summary>
    public string? Created { get; set; }

    /// <summary>The local store (layer cache, store output); empty for the dotnet image default.</summary>
    public string? StorePath { get; set; }

    public string? DigestFile { get; set; }

    /// <summary>ContainerRetries: how often a failed registry request, upload or download is tried again; empty for the default.</summary>
    public string? Retries { get; set; }

    /// <summary>ContainerSbom: attach an SPDX SBOM to the image as an OCI referrer.</summary>
    public bool Sbom { get; set; } = true;

    public string? ProjectVersion { get; set; }

    /// <summary>
    /// ContainerPublishInProcess: publish inside MSBuild even where the package carries a native dotnet-image for
    /// this machine (which starts faster than the JIT compiles the same code).
    /// </summary>
    public bool PublishInProcess { get; set; }

    [Output]
    public string Digest { get; private set; } = string.Empty;

    [Output]
    public string ConfigDigest { get; private set; } = string.Empty;

    [Output]
    public string MediaType { get; private set; } = string.Empty;

    /// <summary>Every full reference the image got (pushed, or tagged locally), each with Digest metadata.</summary>
    [Output]
    public ITaskItem[] References { get; private set; } = [];

    [Output]
    public int LayersWritten { get; private set; }

    /// <summary>Where the image went, one item per place as the summary line names them (an up-to-date publish repeats them).</summary>
    [Output]
    public ITaskItem[] Places { get; private set; } = [];

    public void Cancel() => cancellation.Cancel();

    public override bool Execute()
    {
        var jitAtStart = (Methods: JitInfo.GetCompiledMethodCount(), Time: JitInfo.GetCompilationTime());
        PublishedImage? published;
        PublishFailure? failure;
        try
        {
            // Which copy of a shared dependency runs matters when it clashes with the SDK's; -v:d shows it.
            var versioning = typeof(NuGet.Versioning.NuGetVersion).Assembly;
            Log.LogMessage(MessageImportance.Low, $"ImageBuild.Tasks: NuGet.Versioning {versioning.GetName().Version} from {versioning.Location} in load context '{AssemblyLoadContext.GetLoadContext(versioning)?.Name}'");

            var job = new PublishJob(
                PublishProtocol.Version,
                Request(),
                string.IsNullOrWhiteSpace(StorePath) ? ImageStore.ResolveDefaultPath(Environment.GetEnvironmentVariable) : Path.GetFullPath(StorePath),
                Retries,
                Log.LogsMessagesOfImportance(MessageImportance.Low));
            void Detail(string line) => Log.LogMessage(MessageImportance.Low, line);
            void Warning(string line) => Log.LogWarning(line);
            var tool = PublishInProcess ? null : NativePublishTool.Find(Path.GetDirectoryName(typeof(BuildContainerImage).Assembly.Location)!, Detail);
            if (tool is not null)
            {
                Log.LogMessage(MessageImportance.Low, $"PublishImage: running {tool.Executable} (ContainerPublishInProcess=true publishes inside MSBuild)");
            }

            (published, failure) = (tool is not null
                    ? tool.RunAsync(job, Detail, Warning, cancellation.Token)
                    : PublishRunner.RunAsync(job, Detail, Warning, cancellation.Token))
                .GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            // Reading the task's inputs, or the native tool itself failing to start or speak.
            var (code, message) = PublishErrors.Describe(e, $"image {Repository}");
            (published, failure) = (null, new PublishFailure(code, message, e.ToString()));
        }

        if (failure is not null || published is null)
        {
            Log.LogError(null, failure?.Code, null, null, 0, 0, 0, 0, failure?.Message);
            Log.LogMessage(MessageImportance.Low, failure?.Detail);
            return false;
        }

        Report(published);
        // What ReadyToRun left to the JIT is most of a small build's cost in a fresh MSBuild process; -v:d shows it.
        Log.LogMessage(MessageImportance.Low, FormattableString.Invariant(
            $"PublishImage JIT: {JitInfo.GetCompiledMethodCount() - jitAtStart.Methods} methods compiled in {(JitInfo.GetCompilationTime() - jitAtStart.Time).TotalMilliseconds:0} ms during the task (whole process, all threads)"));
        LogLoadedAssemblies();
        return true;
    }

    /// <summary>What the task's load context holds after a build (-v:d), so a dependency loaded for nothing shows.</summary>
    private void LogLoadedAssemblies()
    {
        var context = AssemblyLoadContext.GetLoadContext(typeof(BuildContainerImage).Assembly);
        var names = context?.Assemblies.Select(a => a.GetName().Name).Order(StringComparer.Ordinal) ?? Enumerable.Empty<string?>();
        Log.LogMessage(MessageImportance.Low, $"ImageBuild.Tasks: assemblies in load context '{context?.Name}': {string.Join(", ", names)}");
    }

    private ContainerRequest Request() => new()
    {
        BaseImage = BaseImage,
        BaseFacts = new BaseImageFacts(TargetFrameworkVersion, RuntimePackVersion, IsSelfContained, IsAot, IsWeb, RuntimeIdentifiers, Family, BaseRegistry),
        Registry = Registry,
        Repository = Repository,
        Tags = Tags.Where(t => !string.IsNullOrWhiteSpace(t)).ToList(),
        SemverTags = SemverTags,
        ImageOutput = ImageOutput,
        ArchiveOutputPath = ArchiveOutputPath,
        LocalRegistry = LocalRegistry,
        ImageFormat = ImageFormat,
        Compression = Compression,
        WorkingDirectory = string.IsNullOrWhiteSpace(WorkingDirectory) ? "/app/" : WorkingDirectory,
        AppCommandInstruction = AppCommandInstruction,
        AppCommand = AppCommand,
        AppCommandArgs = AppCommandArgs,
        DefaultArgs = DefaultArgs,
        User = User,
        Ports = Pairs(Ports, "Type"),
        EnvironmentVariables = Pairs(EnvironmentVariables, "Value"),
        Labels = Pairs(Labels, "Value"),
        Annotations = Pairs(Annotations, "Value"),
        ExtraLayers = Pairs(Layers, "Destination"),
        Layering = string.IsNullOrWhiteSpace(Layering) ? PublishLayering.Auto : Layering,
        Files = PublishFiles.Select(new PublishFileReader().Read).ToList(),
        RuntimeIdentifiers = RuntimeIdentifiers,
        GenerateLabels = GenerateLabels,
        Created = CreatedTime.Resolve(Created, Environment.GetEnvironmentVariable, TimeProvider.System),
        Sbom = Sbom,
        ProjectName = ProjectName,
        ProjectVersion = ProjectVersion,
    };

    /// <summary>A full reference without its tag's registry noise: docker.io/library/app:1 shows as app:1.</summary>
    private static string ImageReferenceText(string reference) =>
        ImageBuild.References.ImageReference.TryParse(reference, out var parsed) ? parsed.FamiliarString : reference;

    private static List<KeyValuePair<string, string>> Pairs(ITaskItem[] items, string metadata) =>
        items.Select(i => new KeyValuePair<string, string>(i.ItemSpec, i.GetMetadata(metadata))).ToList();

    private void Report(PublishedImage published)
    {
        var result = published.Result;
        Digest = result.Digest.ToString();
        MediaType = result.MediaType;
        ConfigDigest = result.Images.Count == 1 ? result.Images[0].ConfigDigest.ToString() : string.Empty;
        LayersWritten = result.LayersWritten;
        Places = published.Places.Select(place => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(place)).ToArray();
        References = published.References.Select(reference => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(reference, new Dictionary<string, string>
        {
            ["Digest"] = Digest,
            ["ConfigDigest"] = ConfigDigest,
        })).ToArray();
        if (!string.IsNullOrWhiteSpace(DigestFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(DigestFile))!);
            File.WriteAllText(DigestFile, Digest + "\n");
        }

        if (published.DaemonNote is { } note)
        {
            Log.LogMessage(MessageImportance.High, "PublishImage: " + note);
        }

        Log.LogMessage(
            MessageImportance.High,
            $"PublishImage: {string.Join(", ", published.References)} -> {Digest} ({result.LayersWritten} layer(s) written, {result.LayersReused} from cache; {string.Join(", ", result.Outputs)})");
        // -v:d shows where the image step spent its time (layers are made concurrently; their phases are summed).
        Log.LogMessage(MessageImportance.Low, $"PublishImage timings: {result.Timings.Describe()}");
        // "NAME -> ..." is the form the terminal logger takes for a project's output and shows after it by default.
        var first = published.References.Count > 0 ? published.References[0] : Repository;
        Log.LogMessage(MessageImportance.High, $"{ProjectName} -> {ImageReferenceText(first)}@{Digest} in {string.Join(", ", published.Places)}");
        foreach (var image in result.Images)
        {
            Log.LogMessage(MessageImportance.Normal, $"  {image.Platform}: {image.ManifestDigest} config {image.ConfigDigest}: " +
                string.Join(", ", image.Layers.Select(l => $"{l.Name} {l.Digest}{(l.FromCache ? " (cached)" : string.Empty)}")) +
                (image.SbomDigest is { } sbom ? $"; SBOM {sbom}" : string.Empty));
        }
    }
}

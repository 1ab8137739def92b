using System.Globalization;
using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// A temp store that the CLI tests drive through the built tool, with what every one of them needs: images
/// made by <c>import</c>, facts read straight from the files on disk, and the check that a store is still sound.
/// </summary>
public sealed class CliStore : IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-cli");
    private int sources;

    public CliStore()
    {
        Runner = new CliRunner(temp.Combine("store"));
    }

    public CliRunner Runner { get; }

    public string Root => Runner.StoreDirectory;

    public string BlobsDirectory => Path.Combine(Root, "blobs", "sha256");

    /// <summary>A whole second <paramref name="days"/> days back: "N days ago" for 2..13 days, whatever the clock says.</summary>
    public static DateTimeOffset DaysAgo(int days)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddDays(-days);
    }

    public static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The 12 hex characters docker shows for <paramref name="imageId"/> (<c>sha256:...</c>).</summary>
    public static string Short(string imageId) => imageId["sha256:".Length..][..12];

    /// <summary>
    /// docker's size text (go-units HumanSizeWithPrecision): 1000-based units, <paramref name="precision"/>
    /// significant digits, e.g. "867B", "1.72kB", "1.29MB". Sizes whose rounding needs Go's exponent form fail.
    /// </summary>
    public static string HumanSize(long bytes, int precision = 3)
    {
        string[] units = ["B", "kB", "MB", "GB"];
        double size = bytes;
        var unit = 0;
        for (; size >= 1000 && unit < units.Length - 1; unit++)
        {
            size /= 1000;
        }

        var digits = size.ToString("G" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        Assert.DoesNotContain("E", digits, StringComparison.Ordinal);
        return digits + units[unit];
    }

    /// <summary>Runs the tool on this store. No run may ever print a stack trace, so that is checked for every one.</summary>
    public async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        var result = await Runner.RunAsync(arguments);
        Assert.False(result.StandardError.Contains("   at ", StringComparison.Ordinal), $"stack trace on stderr\n{result.Describe()}");
        return result;
    }

    /// <summary>Runs the tool, fails unless it exits with 0 and prints nothing on stderr, and returns its stdout.</summary>
    public async Task<string> OutputAsync(params string[] arguments)
    {
        var result = (await RunAsync(arguments)).EnsureSuccess();
        Assert.True(result.StandardError.Length == 0, $"unexpected stderr\n{result.Describe()}");
        return result.StandardOutput;
    }

    /// <summary>Runs the tool and checks that it failed as expected: this exit code, exactly this stderr, nothing on stdout.</summary>
    public async Task AssertFailsAsync(int exitCode, string error, params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == exitCode, $"expected exit code {exitCode}\n{result.Describe()}");
        Assert.Equal(error, result.StandardError);
        Assert.Empty(result.StandardOutput);
    }

    /// <summary>
    /// Imports a one-file root filesystem holding <paramref name="content"/> as <paramref name="name"/> (untagged when
    /// null) and returns the image ID. Equal contents give equal layers, so images made this way can share one.
    /// </summary>
    public async Task<string> ImportSmallAsync(string? name, DateTimeOffset created, string content = "hello\n", params string[] changes)
    {
        var rootfs = temp.CreateSubdirectory($"rootfs-{Interlocked.Increment(ref sources)}");
        Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
        await File.WriteAllTextAsync(Path.Combine(rootfs, "etc", "motd"), content);
        return await ImportAsync(rootfs, name, created, changes);
    }

    /// <summary>Imports the busybox root filesystem (a layer of about 1.3 MB) and returns the image ID.</summary>
    public async Task<string> ImportBusyboxAsync(string name, DateTimeOffset created, params string[] changes) =>
        await ImportAsync(await BusyboxRootfs.GetAsync(), name, created, changes);

    /// <summary>The <c>org.opencontainers.image.ref.name</c> of every tagged index.json entry, in file order.</summary>
    public async Task<IReadOnlyList<string>> RefNamesAsync() =>
        (await ReadIndexAsync()).Manifests.Select(m => m.Annotation(Annotations.RefName)).OfType<string>().ToList();

    /// <summary>The manifest digest the store's index.json records for <paramref name="refName"/> (a full name such as docker.io/library/a:1).</summary>
    public async Task<string> ManifestDigestAsync(string refName) =>
        (await ReadIndexAsync()).Manifests.Single(m => m.Annotation(Annotations.RefName) == refName).Digest.ToString();

    /// <summary>The manifest digest of the index.json entry (tagged or dangling) whose config is <paramref name="imageId"/>.</summary>
    public async Task<string> ManifestDigestOfImageAsync(string imageId)
    {
        var matches = new List<string>();
        foreach (var digest in (await ReadIndexAsync()).Manifests.Select(m => m.Digest.ToString()).Distinct())
        {
            if ((string?)(await ReadBlobJsonAsync(digest))["config"]?["digest"] == imageId)
            {
                matches.Add(digest);
            }
        }

        return Assert.Single(matches);
    }

    /// <summary>What an image takes on disk, counted from the files: manifest, config and layers.</summary>
    public async Task<long> SizeOnDiskAsync(string imageId)
    {
        var digest = await ManifestDigestOfImageAsync(imageId);
        var manifest = await ReadBlobJsonAsync(digest);
        return BlobLength(digest) + BlobLength(imageId) + LayerDigests(manifest).Sum(BlobLength);
    }

    /// <summary>The layer digests of image <paramref name="imageId"/>, base first.</summary>
    public async Task<IReadOnlyList<string>> LayerDigestsAsync(string imageId) =>
        LayerDigests(await ReadBlobJsonAsync(await ManifestDigestOfImageAsync(imageId)));

    public long BlobLength(string digest) => new FileInfo(BlobPath(digest)).Length;

    public string BlobPath(string digest) => Path.Combine(Root, "blobs", digest.Replace(':', Path.DirectorySeparatorChar));

    /// <summary>Every blob file's digest.</summary>
    public IReadOnlySet<string> BlobDigests() =>
        Directory.Exists(BlobsDirectory)
            ? Directory.EnumerateFiles(BlobsDirectory).Select(f => "sha256:" + Path.GetFileName(f)).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();

    /// <summary>
    /// The check after every command that changes the store: skopeo, an independent reader, still reads every
    /// tag that index.json has (and finds the manifest it names), and fsck finds nothing wrong.
    /// </summary>
    public async Task AssertSoundAsync()
    {
        foreach (var entry in (await ReadIndexAsync()).Manifests)
        {
            if (entry.Annotation(Annotations.RefName) is not { } refName)
            {
                continue;
            }

            var inspect = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", $"oci:{Root}:{refName}"])).EnsureSuccess();
            Assert.Equal(entry.Digest.ToString(), (string?)JsonNode.Parse(inspect.StandardOutput)!["Digest"]);
        }

        var fsck = (await RunAsync("fsck")).EnsureSuccess();
        Assert.True(fsck.StandardOutput.Length == 0, $"fsck found problems\n{fsck.Describe()}");
    }

    public void Dispose() => temp.Dispose();

    private async Task<string> ImportAsync(string rootfs, string? name, DateTimeOffset created, string[] changes)
    {
        List<string> arguments = ["import", rootfs];
        if (name is not null)
        {
            arguments.Add(name);
        }

        arguments.AddRange(["--created", Rfc3339(created)]);
        arguments.AddRange(changes.SelectMany(c => new[] { "--change", c }));
        var imageId = (await OutputAsync([.. arguments])).Trim();
        Assert.Matches("^sha256:[0-9a-f]{64}$", imageId);
        return imageId;
    }

    private Task<ImageIndex> ReadIndexAsync() => OciLayout.Open(Root).ReadIndexAsync(CancellationToken.None);

    private async Task<JsonNode> ReadBlobJsonAsync(string digest) =>
        JsonNode.Parse(await File.ReadAllTextAsync(BlobPath(digest)))!;

    private static IReadOnlyList<string> LayerDigests(JsonNode manifest) =>
        manifest["layers"]!.AsArray().Select(l => (string)l!["digest"]!).ToList();
}

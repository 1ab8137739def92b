using Xunit.Sdk;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A real distro base with this machine's .NET runtime on top, in two layers: the rootfs debootstrap makes
/// (imported as <see cref="DebianRefName"/>) and the runtime added by <c>dotnet image build --layer</c>
/// (<see cref="RuntimeRefName"/>). Only the debootstrap tarball is cached (keyed by suite and variant); the
/// store is made fresh per run so every run also exercises import and layering. A missing debootstrap, or
/// no apt source for the suite, fails the tests instead of skipping them.
/// </summary>
public sealed class DebootstrapRuntimeImage : IAsyncLifetime
{
    public const string Suite = "bookworm";

    public const string Variant = "minbase";

    public const string DebianRefName = "docker.io/library/debian:bookworm";

    public const string RuntimeRefName = "docker.io/library/dotnet-runtime-debian:test";

    /// <summary>The PATH the official debian images set; import sets none, so the base gets it here.</summary>
    public const string DebianPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    // /dev, /proc and /sys are filled by the runtime; the .debs and apt lists are only download leftovers.
    private const string PackScript = """
        set -euo pipefail
        rootfs="$1"; tarball="$2"
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
        tar --numeric-owner -C "$rootfs" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -cf "$tarball" .
        """;

    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-debian");

    /// <summary>The debootstrap rootfs as a tar, from the <see cref="TestCache"/>.</summary>
    public string RootfsTarball { get; private set; } = string.Empty;

    /// <summary>The store holding <see cref="DebianRefName"/> and <see cref="RuntimeRefName"/>.</summary>
    public string Store => temp.Combine("store");

    /// <summary>The runtime image as a build's --from names it from another store.</summary>
    public string RuntimeLocation => $"oci:{Store}:{RuntimeRefName}";

    public async Task InitializeAsync()
    {
        var cache = await TestCache.GetOrCreateDirectoryAsync($"debootstrap-{Suite}-{Variant}", DebootstrapAsync, CancellationToken.None);
        RootfsTarball = Path.Combine(cache, "rootfs.tar");

        var cli = new CliRunner(Store);
        (await cli.RunAsync(["import", RootfsTarball, DebianRefName, "--change", $"ENV PATH={DebianPath}", "--change", "CMD [\"bash\"]"], TimeSpan.FromMinutes(10), CancellationToken.None)).EnsureSuccess();

        var runtime = temp.Combine("runtime");
        await DotnetHostFiles.CopyRuntimeAsync(runtime, CancellationToken.None);
        (await cli.RunAsync(
            ["build", "--from", DebianRefName, "--layer", $"{runtime}:/usr/share/dotnet",
             "--env", "DOTNET_ROOT=/usr/share/dotnet", "--env", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "--env", "PATH=$PATH:/usr/share/dotnet",
             "-t", RuntimeRefName],
            TimeSpan.FromMinutes(10),
            CancellationToken.None)).EnsureSuccess();
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    private static async Task DebootstrapAsync(string directory, CancellationToken cancellationToken)
    {
        var debootstrap = Tools.Debootstrap.Path;
        if (Environment.UserName != "root" && (await ProcessRunner.OutputOfAsync("id", "-u")).Trim() != "0")
        {
            throw new XunitException("debootstrap needs root: run the integration tests as root (eng/test.sh does)");
        }

        var mirror = AptMirror(Suite);
        using var work = TempDirectory.Create("imagebuild-debootstrap");
        var rootfs = work.Combine("rootfs");
        (await ProcessRunner.RunAsync(debootstrap, [$"--variant={Variant}", Suite, rootfs, mirror], TimeSpan.FromMinutes(30), cancellationToken: cancellationToken))
            .EnsureSuccess();
        (await ProcessRunner.RunAsync("bash", ["-c", PackScript, "pack", rootfs, Path.Combine(directory, "rootfs.tar")], TimeSpan.FromMinutes(5), cancellationToken: cancellationToken))
            .EnsureSuccess();
    }

    /// <summary>The first mirror apt on this machine uses for <paramref name="suite"/>, so no host name is written into the tests.</summary>
    private static string AptMirror(string suite)
    {
        var files = new List<string> { "/etc/apt/sources.list" };
        if (Directory.Exists("/etc/apt/sources.list.d"))
        {
            files.AddRange(Directory.EnumerateFiles("/etc/apt/sources.list.d").Where(f => f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }

        foreach (var file in files.Where(File.Exists))
        {
            var text = File.ReadAllText(file);
            var mirror = file.EndsWith(".sources", StringComparison.Ordinal) ? FromDeb822(text, suite) : FromOneLine(text, suite);
            if (mirror is not null)
            {
                return mirror;
            }
        }

        throw new XunitException($"no apt source on this machine serves Debian {suite}: add one to /etc/apt/sources.list.d so debootstrap has a mirror");
    }

    private static string? FromDeb822(string text, string suite)
    {
        foreach (var paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = paragraph.Split('\n')
                .Where(l => !l.StartsWith('#') && l.Contains(':', StringComparison.Ordinal) && !char.IsWhiteSpace(l[0]))
                .Select(l => (Key: l[..l.IndexOf(':')].Trim(), Value: l[(l.IndexOf(':') + 1)..].Trim()))
                .GroupBy(f => f.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
            if (fields.GetValueOrDefault("Types", string.Empty).Split(' ').Contains("deb")
                && fields.GetValueOrDefault("Suites", string.Empty).Split(' ').Contains(suite)
                && fields.GetValueOrDefault("Enabled", "yes") != "no"
                && fields.TryGetValue("URIs", out var uris))
            {
                return uris.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            }
        }

        return null;
    }

    private static string? FromOneLine(string text, string suite)
    {
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("deb ", StringComparison.Ordinal)))
        {
            // deb [options] URI SUITE COMPONENTS...
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            if (words.Count > 0 && words[0].StartsWith('['))
            {
                words = words.SkipWhile(w => !w.EndsWith(']')).Skip(1).ToList();
            }

            if (words.Count >= 2 && words[1] == suite)
            {
                return words[0];
            }
        }

        return null;
    }
}

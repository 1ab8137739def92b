using System.Formats.Tar;
using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// Inputs that used to crash the tool with a stack trace (a 3000-deep path, a port past 65535, an archive's
/// malformed RepoTags) end in one line that names the problem, with nothing left behind.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly CliStore store = new();
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-hostile-input");

    public void Dispose()
    {
        // .NET cannot delete paths past PATH_MAX; rm works down the tree relative to each directory.
        ProcessRunner.RunAsync("rm", ["-rf", temp.Path]).GetAwaiter().GetResult().EnsureSuccess();
        store.Dispose();
    }

    [Theory]
    [InlineData("tags", "localhost:99999/x")]
    [InlineData("pull", "localhost:99999/x")]
    [InlineData("digest", "localhost:99999/x:1")]
    [InlineData("copy", "localhost:99999/x:1")]
    public async Task A_registry_port_past_65535_is_a_usage_error_in_one_line(string command, string reference)
    {
        string[] arguments = command == "copy" ? [command, reference, $"oci:{temp.Combine("out")}"] : [command, reference];

        var result = await store.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal("error: \"localhost:99999\" is not a registry host[:port] that can be reached (a port goes from 1 to 65535): check the registry part of the name", line);
    }

    [Fact]
    public async Task Unpacking_a_path_deeper_than_the_system_allows_fails_in_one_line_and_leaves_nothing()
    {
        var tarball = temp.Combine("deep.tar");
        await using (var file = File.Create(tarball))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, string.Join('/', Enumerable.Repeat("a", 3000)) + "/f")
            {
                DataStream = new MemoryStream([1]),
            });
        }

        (await store.RunAsync("import", tarball, "deep:1")).EnsureSuccess();
        var target = temp.Combine("unpacked");

        var result = await store.RunAsync("unpack", "deep:1", target);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
        Assert.Contains("deeper than a path this system can create (4096 bytes in all): export the image as a tar instead", line);
        Assert.Equal(["deep.tar"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_build_context_deeper_than_the_system_allows_is_refused_in_one_line()
    {
        var context = temp.CreateSubdirectory("context");
        await ProcessRunner.RunAsync("bash", ["-c", "p=$(printf 'a/%.0s' $(seq 100)); for i in $(seq 21); do mkdir -p \"$p\" && cd \"$p\" || exit 1; done; echo x > f"], workingDirectory: context);

        var result = await store.RunAsync("build", context, "--from", "scratch", "-t", "deep:1");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"error: {($"{context}/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a")[..60]}...", line);
        Assert.EndsWith("is nested too deep: its path is longer than the 4096 bytes a file path may have here; move it up or leave it out", line);
        Assert.Empty(await store.RefNamesAsync());
    }

    [Fact]
    public async Task Load_says_which_repo_tags_it_dropped_and_keeps_the_valid_ones()
    {
        await store.ImportSmallAsync("docker.io/library/original:1", CliStore.DaysAgo(1));
        var saved = temp.Combine("saved.tar");
        (await store.RunAsync("save", "original:1", "--format", "docker", "-o", saved)).EnsureSuccess();
        var hostile = temp.Combine("hostile.tar");
        await RewriteRepoTagsAsync(saved, hostile, new JsonArray(null, "", "a:b:c", "../../x:1", "ok/name:2"));
        using var fresh = new CliStore();

        var result = await fresh.RunAsync("load", "-i", hostile);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Loaded image: ok/name:2\n", result.StandardOutput);
        var warnings = result.StandardError.TrimEnd('\n').Split('\n');
        Assert.Equal(4, warnings.Length);
        Assert.All(warnings, w => Assert.Matches("^warning: dropped the name \".*\" of image sha256:[0-9a-f]{64}: it is not a valid image reference; tag the image with 'dotnet image tag'$", w));
        Assert.Contains(warnings, w => w.StartsWith("warning: dropped the name \"../../x:1\"", StringComparison.Ordinal));
        Assert.Equal(["docker.io/ok/name:2"], await fresh.RefNamesAsync());
    }

    private static async Task RewriteRepoTagsAsync(string source, string target, JsonArray repoTags)
    {
        await using var input = File.OpenRead(source);
        await using var output = File.Create(target);
        await using var reader = new TarReader(input);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.Name == "manifest.json")
            {
                var manifest = JsonNode.Parse(entry.DataStream!)!.AsArray();
                manifest[0]!["RepoTags"] = repoTags;
                entry.DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
            }

            await writer.WriteEntryAsync(entry);
        }
    }
}

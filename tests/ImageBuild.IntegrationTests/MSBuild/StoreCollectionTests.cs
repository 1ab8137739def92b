using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// A store used the way a developer does (three PublishImage runs of a changing app, a build to an OCI layout, a
/// build pushed to a registry, a push) holds blobs nothing needs any more; prune, once the grace period is over,
/// leaves exactly the blobs its images and its layer cache need, counted by a walk of index.json written here.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class StoreCollectionTests(TasksPackageFixture fixture)
{
    [Fact]
    public async Task Prune_leaves_exactly_the_blobs_images_and_the_layer_cache_need()
    {
        await using var registry = await RegistryFixture.StartAsync();
        using var project = PublishedProject.Create(fixture, "counter", Project, new Dictionary<string, string> { ["counter/Program.cs"] = Program(1) });
        using var temp = TempDirectory.Create("imagebuild-collection");
        var cli = new CliRunner(project.Store, PublishedProject.CleanEnvironment);
        for (var version = 1; version <= 3; version++)
        {
            project.Write("counter/Program.cs", Program(version));
            (await project.PublishAsync($"ContainerBaseImage={fixture.Runtime.BaseLocation}")).EnsureSuccess();
        }

        var content = temp.CreateSubdirectory("content");
        await File.WriteAllTextAsync(Path.Combine(content, "data.txt"), "built to other places\n");
        (await cli.RunAsync("build", content, "--from", fixture.Runtime.BaseLocation, "-t", "local/layout:1", "--output", $"oci:{temp.Combine("layout")}")).EnsureSuccess();
        await File.WriteAllTextAsync(Path.Combine(content, "data.txt"), "built and pushed\n");
        (await cli.RunAsync("build", content, "--from", fixture.Runtime.BaseLocation, "-t", $"{registry.Host}/built:1", "--push")).EnsureSuccess();
        (await cli.RunAsync("tag", "counter:latest", $"{registry.Host}/counter:3")).EnsureSuccess();
        (await cli.RunAsync("push", $"{registry.Host}/counter:3")).EnsureSuccess();

        // Every blob is past the grace period that spares the work of commands running at the same time.
        foreach (var blob in BlobFiles(project.Store))
        {
            File.SetLastWriteTimeUtc(blob, DateTime.UtcNow.AddHours(-1));
        }

        var before = BlobFiles(project.Store);
        var unneeded = before.Except(Needed(project.Store)).ToList();
        (await cli.RunAsync("prune", "-f")).EnsureSuccess();

        Assert.True(unneeded.Count > 0, "the store held no blob that nothing needs");
        Assert.Equal(Needed(project.Store).Order(StringComparer.Ordinal), BlobFiles(project.Store).Order(StringComparer.Ordinal));
        var fsck = (await cli.RunAsync("fsck")).EnsureSuccess();
        Assert.Equal(string.Empty, fsck.StandardOutput);
        Assert.Contains("counter", (await cli.RunAsync("ls")).EnsureSuccess().StandardOutput);
    }

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <InvariantGlobalization>true</InvariantGlobalization>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
        </Project>
        """;

    private static string Program(int version) => $"Console.WriteLine(\"version {version}\");\n";

    /// <summary>The blob files the images in index.json (tagged or not) and the layer cache use.</summary>
    private static IEnumerable<string> Needed(string store) =>
        ReachableFromIndex(store).Union(CachedLayers(store)).Select(d => BlobPath(store, d)).Distinct(StringComparer.Ordinal);

    private static HashSet<string> BlobFiles(string store) => Directory.EnumerateFiles(Path.Combine(store, "blobs"), "*", SearchOption.AllDirectories).ToHashSet();

    private static string BlobPath(string store, string digest) => Path.Combine(store, "blobs", digest.Replace(':', Path.DirectorySeparatorChar));

    /// <summary>Every digest index.json reaches through indexes and manifests, read with nothing but a JSON parser.</summary>
    private static HashSet<string> ReachableFromIndex(string store)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode>(JsonNode.Parse(File.ReadAllText(Path.Combine(store, "index.json")))!["manifests"]!.AsArray().Select(n => n!));
        while (pending.TryPop(out var descriptor))
        {
            var digest = (string)descriptor["digest"]!;
            var path = BlobPath(store, digest);
            if (!reached.Add(digest) || !File.Exists(path))
            {
                continue;
            }

            var mediaType = (string)descriptor["mediaType"]!;
            if (mediaType.EndsWith("manifest.v1+json", StringComparison.Ordinal) || mediaType.EndsWith("manifest.v2+json", StringComparison.Ordinal)
                || mediaType.EndsWith("index.v1+json", StringComparison.Ordinal) || mediaType.EndsWith("list.v2+json", StringComparison.Ordinal))
            {
                var document = JsonNode.Parse(File.ReadAllText(path))!;
                foreach (var child in (document["manifests"]?.AsArray() ?? []).Concat(document["layers"]?.AsArray() ?? []).Append(document["config"]))
                {
                    if (child is not null)
                    {
                        pending.Push(child);
                    }
                }
            }
        }

        return reached.Where(d => File.Exists(BlobPath(store, d))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The layer blobs the layer-cache records name.</summary>
    private static IEnumerable<string> CachedLayers(string store) =>
        Directory.EnumerateFiles(Path.Combine(store, "layer-cache", "content"), "*.json")
            .Select(f => (string)JsonNode.Parse(File.ReadAllText(f))!["digest"]!);
}

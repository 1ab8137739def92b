using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;
using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary><c>dotnet image inspect</c> as a process: docker's JSON shape, checked against what skopeo reads from the same store.</summary>
public sealed class InspectCommandTests : IDisposable
{
    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Inspect_prints_a_docker_shaped_json_array()
    {
        var created = DaysAgo(3);
        var id = await store.ImportSmallAsync("localhost:5000/x/y:v1", created, "1\n", "ENV A=1", "LABEL k=v");
        (await store.RunAsync("tag", "localhost:5000/x/y:v1", "bb")).EnsureSuccess();
        var config = await SkopeoConfigAsync("docker.io/library/bb:latest");

        var array = JsonNode.Parse(await store.OutputAsync("inspect", "bb"))!.AsArray();

        var image = Assert.Single(array)!;
        Assert.Equal(id, (string?)image["Id"]);
        Assert.Equal(["bb:latest", "localhost:5000/x/y:v1"], Strings(image["RepoTags"]).Order(StringComparer.Ordinal));
        Assert.Empty(Strings(image["RepoDigests"])); // as docker: no registry knows this image yet
        Assert.Equal(created, DateTimeOffset.Parse((string)image["Created"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((string?)config["architecture"], (string?)image["Architecture"]);
        Assert.Equal((string?)config["os"], (string?)image["Os"]);
        Assert.Equal(await store.SizeOnDiskAsync(id), (long)image["Size"]!);
        Assert.Equal("layers", (string?)image["RootFS"]!["Type"]);
        Assert.Equal(Strings(config["rootfs"]!["diff_ids"]), Strings(image["RootFS"]!["Layers"]));
        Assert.Equal(["A=1"], Strings(image["Config"]!["Env"]));
        Assert.Equal("v", (string?)image["Config"]!["Labels"]!["k"]);
        Assert.NotNull(image["Metadata"]!["LastTagTime"]);
    }

    [Fact]
    public async Task Format_renders_a_template_per_image_in_argument_order()
    {
        var first = await store.ImportSmallAsync("first:1", DaysAgo(4), "1\n", "ENV A=1", "ENV B=2");
        var second = await store.ImportSmallAsync("second:1", DaysAgo(3), "2\n", "ENV C=3");
        var firstLayers = (await SkopeoConfigAsync("docker.io/library/first:1"))["rootfs"]!["diff_ids"]!.ToJsonString();
        var secondLayers = (await SkopeoConfigAsync("docker.io/library/second:1"))["rootfs"]!["diff_ids"]!.ToJsonString();

        Assert.Equal("[A=1 B=2]\n[C=3]\n", await store.OutputAsync("inspect", "--format", "{{.Config.Env}}", "first:1", "second:1"));
        Assert.Equal($"{firstLayers}\n{secondLayers}\n", await store.OutputAsync("inspect", "--format", "{{json .RootFS.Layers}}", "first:1", Short(second)));
        Assert.Equal($"{first}\n", await store.OutputAsync("inspect", "--format", "{{.Id}}", Short(first)[..6]));
        // inspect takes the format as written, as docker does: \t stays two characters unless Go's quotes make it a tab.
        Assert.Equal($"{second}\\t[\"second:1\"]\n", await store.OutputAsync("inspect", "-f", "{{.Id}}\\t{{json .RepoTags}}", "second:1"));
        Assert.Equal($"{second}\t[\"second:1\"]\n", await store.OutputAsync("inspect", "-f", "{{.Id}}{{\"\\t\"}}{{json .RepoTags}}", "second:1"));
    }

    [Fact]
    public async Task A_missing_image_prints_an_empty_array_and_exits_1()
    {
        var result = await store.RunAsync("inspect", "nosuch");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("[]\n", result.StandardOutput);
        Assert.Equal("error: No such image: nosuch:latest\n", result.StandardError);
    }

    [Fact]
    public async Task Found_images_are_still_printed_when_another_is_missing()
    {
        var id = await store.ImportSmallAsync("here:1", DaysAgo(3));

        var result = await store.RunAsync("inspect", "here:1", "gone:2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(id, (string?)Assert.Single(JsonNode.Parse(result.StandardOutput)!.AsArray())!["Id"]);
        Assert.Equal("error: No such image: gone:2\n", result.StandardError);
    }

    private async Task<JsonNode> SkopeoConfigAsync(string refName)
    {
        var inspect = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--config", $"oci:{store.Root}:{refName}"])).EnsureSuccess();
        return JsonNode.Parse(inspect.StandardOutput)!;
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!);
}

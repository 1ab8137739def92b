using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ImageBuild.Store;
using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary><c>dotnet image history</c> as a process: docker's rows, truncation and size rules.</summary>
public sealed class HistoryCommandTests : IDisposable
{
    private const string AddStep = "/bin/sh -c #(nop) ADD file:5b1a in / ";
    private const string EnvStep = "/bin/sh -c #(nop)  ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin";
    private const string RunStep = "/bin/sh -c apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*";
    private const string RunComment = "buildkit.dockerfile.v0";

    private readonly CliStore store = new();
    private readonly DateTimeOffset runTime = DaysAgo(6);

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Rows_are_newest_first_with_missing_ids_truncated_steps_and_empty_layers_of_size_0()
    {
        var (id, layerSizes) = await StoreThreeStepImageAsync();

        var output = await store.OutputAsync("history", "built:1");

        Assert.Equal(
            "IMAGE          CREATED      CREATED BY                                      SIZE      COMMENT\n" +
            $"{Short(id)}   6 days ago   {Ellipsis(RunStep)}   {Cell($"{layerSizes[1]}B")}{RunComment}\n" +
            $"<missing>      7 days ago   {Ellipsis(EnvStep)}   0B        \n" +
            $"<missing>      8 days ago   {AddStep.PadRight(45)}   {Cell($"{layerSizes[0]}B")}\n",
            output);
        Assert.Equal(45, Ellipsis(RunStep).Length);
    }

    [Fact]
    public async Task No_trunc_shows_the_full_id_and_step()
    {
        var (id, layerSizes) = await StoreThreeStepImageAsync();

        var lines = (await store.OutputAsync("history", "--no-trunc", "built:1")).Split('\n');

        var padding = new string(' ', "sha256:".Length + 64 - "<missing>".Length);
        Assert.Equal($"IMAGE{new string(' ', 71 - 5 + 3)}CREATED      CREATED BY{new string(' ', RunStep.Length - 10 + 3)}SIZE      COMMENT", lines[0]);
        Assert.Equal($"{id}   6 days ago   {RunStep}   {Cell($"{layerSizes[1]}B")}{RunComment}", lines[1]);
        Assert.Equal($"<missing>{padding}   7 days ago   {EnvStep}{new string(' ', RunStep.Length - EnvStep.Length)}   0B        ", lines[2]);
    }

    [Fact]
    public async Task Human_false_prints_rfc3339_times_and_byte_counts()
    {
        var (id, layerSizes) = await StoreThreeStepImageAsync();
        var expected =
            "IMAGE          CREATED AT             CREATED BY                                      SIZE      COMMENT\n" +
            $"{Short(id)}   {Rfc3339(runTime)}   {Ellipsis(RunStep)}   {Cell($"{layerSizes[1]}")}{RunComment}\n" +
            $"<missing>      {Rfc3339(runTime.AddDays(-1))}   {Ellipsis(EnvStep)}   0         \n" +
            $"<missing>      {Rfc3339(runTime.AddDays(-2))}   {AddStep.PadRight(45)}   {Cell($"{layerSizes[0]}")}\n";

        // System.CommandLine splits "-H=false" at '=' for a known option, as pflag does, so docker's spelling works.
        Assert.Equal(expected, await store.OutputAsync("history", "-H=false", "built:1"));
        Assert.Equal(expected, await store.OutputAsync("history", "--human=false", "built:1"));
    }

    [Fact]
    public async Task Quiet_prints_the_ids_column_only()
    {
        var (id, _) = await StoreThreeStepImageAsync();

        Assert.Equal($"{Short(id)}\n<missing>\n<missing>\n", await store.OutputAsync("history", "-q", "built:1"));
    }

    [Fact]
    public async Task An_imported_image_has_one_row_with_its_comment()
    {
        var id = await store.ImportSmallAsync("imported:1", DaysAgo(3));
        var layer = Assert.Single(await store.LayerDigestsAsync(id));
        var config = JsonNode.Parse((await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--config", $"oci:{store.Root}:docker.io/library/imported:1"])).EnsureSuccess().StandardOutput)!;
        var step = (string)Assert.Single(config["history"]!.AsArray())!["created_by"]!;

        var lines = (await store.OutputAsync("history", "--format", "{{.ID}}|{{.CreatedSince}}|{{.CreatedBy}}|{{.Size}}", Short(id)[..8])).Split('\n');

        Assert.Equal([$"{Short(id)}|3 days ago|{Ellipsis(step)}|{store.BlobLength(layer)}B", ""], lines);
    }

    [Fact]
    public async Task A_missing_image_is_an_error()
    {
        await store.AssertFailsAsync(1, "error: No such image: nosuch:2\n", "history", "nosuch:2");
    }

    /// <summary>A SIZE cell: docker's tabwriter pads every column but the last to at least 10 characters.</summary>
    private static string Cell(string text) => text.PadRight(10);

    /// <summary>docker's Ellipsis(s, 45): longer steps keep 44 characters and end in "…".</summary>
    private static string Ellipsis(string step) => step.Length > 45 ? step[..44] + "…" : step;

    /// <summary>
    /// Stores, through the library (import makes single-step images only), an image built in three steps: a
    /// layer, an empty ENV step and a second layer. Returns its ID and the two layers' blob sizes.
    /// </summary>
    private async Task<(string Id, long[] LayerSizes)> StoreThreeStepImageAsync()
    {
        var imageStore = await ImageStore.OpenAsync(store.Root, CancellationToken.None);
        var first = await StoreLayerAsync(imageStore, "etc/os-release", "ID=test\n");
        var second = await StoreLayerAsync(imageStore, "usr/bin/curl", "#!/bin/sh\n");
        var config = await imageStore.Layout.WriteJsonAsync(JsonBlobs.Config(new ImageConfig
        {
            Architecture = "amd64",
            Os = "linux",
            Created = ImageConfig.FormatTime(runTime),
            RootFs = new RootFs { DiffIds = [first.DiffId, second.DiffId] },
            History =
            [
                new HistoryEntry { Created = ImageConfig.FormatTime(runTime.AddDays(-2)), CreatedBy = AddStep },
                new HistoryEntry { Created = ImageConfig.FormatTime(runTime.AddDays(-1)), CreatedBy = EnvStep, EmptyLayer = true },
                new HistoryEntry { Created = ImageConfig.FormatTime(runTime), CreatedBy = RunStep, Comment = RunComment },
            ],
        }), CancellationToken.None);
        var manifest = await imageStore.Layout.WriteJsonAsync(JsonBlobs.Manifest(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = config,
            Layers = [first.ToDescriptor(), second.ToDescriptor()],
        }), CancellationToken.None);
        await imageStore.TagAsync("docker.io/library/built:1", manifest, CancellationToken.None);
        Assert.All(new[] { first.Size, second.Size }, size => Assert.InRange(size, 1, 999));
        return (config.Digest.ToString(), [first.Size, second.Size]);
    }

    private async Task<LayerBlob> StoreLayerAsync(ImageStore imageStore, string path, string text)
    {
        var source = Path.Combine(store.Root, "..", Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(source, text);
        var blob = await new LayerWriter(new LayerOptions()).WriteAsync(
            [LayerEntry.Directory(Path.GetDirectoryName(path)!), LayerEntry.File(path, source)], Path.GetDirectoryName(imageStore.Layout.CreateIngestPath())!, CancellationToken.None);
        await imageStore.Layout.ImportBlobFileAsync(blob.FilePath, blob.ToDescriptor(), CancellationToken.None);
        return blob;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using ImageBuild.Archives;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Store;
using ImageBuild.Tests.Infrastructure;

namespace ImageBuild.IntegrationTests.Archives;

/// <summary>skopeo is the independent oracle: it must read the archives ImageBuild writes, and ImageBuild must load the ones skopeo writes.</summary>
public sealed class SkopeoArchiveTests : IAsyncLifetime
{
    private const string Tag = "t";

    private readonly TempDirectory work = TempDirectory.Create("imagebuild-archives-it");
    private OciLayout source = null!;
    private Descriptor root = null!;
    private ImageManifest manifest = null!;

    public async Task InitializeAsync()
    {
        var layout = work.Combine("layout");
        root = await BusyboxImage.CreateLayoutAsync(layout, Tag);
        source = OciLayout.Open(layout);
        manifest = OciJson.ParseManifest(await File.ReadAllBytesAsync(source.BlobPath(root.Digest)));
    }

    public Task DisposeAsync()
    {
        work.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("app:1.0")]
    [InlineData("registry.example.com/team/app:1.0")]
    public async Task SkopeoReadsOurOciArchive(string refName)
    {
        var archive = work.Combine("oci.tar");
        await using (var output = File.Create(archive))
        {
            await new OciArchiveWriter().WriteAsync(output, source, [new ArchiveImage(root, [refName])], CancellationToken.None);
        }

        using var inspect = JsonDocument.Parse(await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", $"oci-archive:{archive}:{refName}"));
        Assert.Equal(root.Digest.ToString(), inspect.RootElement.GetProperty("Digest").GetString());

        var copy = work.Combine("copy");
        await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "copy", $"oci-archive:{archive}:{refName}", $"oci:{copy}:{refName}");
        var copied = await LayoutIndex.FindAsync(copy, refName);
        Assert.Equal(root.Digest, copied.Digest);
        Assert.True(File.Exists(Path.Combine(copy, "blobs", "sha256", manifest.Config.Digest.Hex)));
    }

    [Fact]
    public async Task SkopeoReadsOurDockerArchive()
    {
        var archive = work.Combine("docker.tar");
        await using (var output = File.Create(archive))
        {
            await new DockerArchiveWriter(ArchiveLoading.ScratchFiles(work.Combine("tmp"))).WriteAsync(output, source, [new ArchiveImage(root, ["example.com/app:2.0"])], CancellationToken.None);
        }

        var diffIds = OciJson.ParseConfig(await File.ReadAllBytesAsync(source.BlobPath(manifest.Config.Digest))).RootFs.DiffIds;
        using var inspect = JsonDocument.Parse(await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", $"docker-archive:{archive}"));
        Assert.Equal(diffIds.Select(d => d.ToString()), inspect.RootElement.GetProperty("Layers").EnumerateArray().Select(e => e.GetString()));
        var rawConfig = await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "inspect", "--raw", "--config", $"docker-archive:{archive}");
        Assert.Equal(manifest.Config.Digest, Digest.Compute(System.Text.Encoding.UTF8.GetBytes(rawConfig)));

        var copy = work.Combine("copy");
        await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "copy", $"docker-archive:{archive}", $"oci:{copy}:x");
        var copiedRoot = await LayoutIndex.FindAsync(copy, "x");
        var copied = OciJson.ParseManifest(await File.ReadAllBytesAsync(Path.Combine(copy, "blobs", "sha256", copiedRoot.Digest.Hex)));

        // skopeo gzips the layers on the way to OCI and re-marshals the config (dropping umoci's trailing newline), so compare content.
        var copiedConfig = await File.ReadAllBytesAsync(Path.Combine(copy, "blobs", "sha256", copied.Config.Digest.Hex));
        var sourceConfig = await File.ReadAllBytesAsync(source.BlobPath(manifest.Config.Digest));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sourceConfig), JsonNode.Parse(copiedConfig)));
    }

    [Fact]
    public async Task OciArchiveWrittenBySkopeoLoads()
    {
        var archive = work.Combine("skopeo-oci.tar");
        await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "copy", $"oci:{source.RootPath}:{Tag}", $"oci-archive:{archive}:myref");
        var sink = await OciLayout.OpenOrCreateAsync(work.Combine("sink"), CancellationToken.None);

        var loaded = Assert.Single(await ArchiveLoading.LoadAsync(archive, sink, work.Combine("tmp")));

        Assert.Equal(["myref"], loaded.RefNames);
        Assert.Equal(root.Digest, loaded.Root.Digest);
        var stored = OciJson.ParseManifest(await File.ReadAllBytesAsync(sink.BlobPath(loaded.Root.Digest)));
        Assert.Equal(manifest.Config.Digest, stored.Config.Digest);
        Assert.All(stored.Layers, l => Assert.True(File.Exists(sink.BlobPath(l.Digest))));
    }

    [Fact]
    public async Task DockerArchiveWrittenBySkopeoLoadsThroughItsLayerLinks()
    {
        var archive = work.Combine("skopeo-docker.tar");
        await ProcessRunner.OutputOfAsync(Tools.Skopeo.Path, "copy", $"oci:{source.RootPath}:{Tag}", $"docker-archive:{archive}:example.com/app:2.0");
        var sink = await OciLayout.OpenOrCreateAsync(work.Combine("sink"), CancellationToken.None);

        var loaded = Assert.Single(await ArchiveLoading.LoadAsync(archive, sink, work.Combine("tmp")));

        Assert.Equal(["example.com/app:2.0"], loaded.RefNames);
        var stored = OciJson.ParseManifest(await File.ReadAllBytesAsync(sink.BlobPath(loaded.Root.Digest)));
        Assert.Equal(manifest.Config.Digest, stored.Config.Digest);
        var diffIds = OciJson.ParseConfig(await File.ReadAllBytesAsync(sink.BlobPath(stored.Config.Digest))).RootFs.DiffIds;
        Assert.Equal(diffIds, stored.Layers.Select(l => l.Digest));
    }
}

using ImageBuild.Building;
using ImageBuild.Oci;
using ImageBuild.Publishing;

namespace ImageBuild.Tests.Publishing;

/// <summary>
/// The task hands its publish to the native tool as JSON, and reads the result back the same way: what crosses must
/// arrive whole, or the two paths would build different images.
/// </summary>
public sealed class PublishProtocolTests
{
    private static readonly ContainerRequest Request = new()
    {
        BaseImage = "mcr.microsoft.com/dotnet/runtime:10.0",
        BaseFacts = new BaseImageFacts("10.0", "10.0.1", true, false, true, ["linux-x64", "linux-arm64"], "noble-chiseled", "mirror.example:5000"),
        Registry = "localhost:5000",
        Repository = "shop/web",
        Tags = ["1.0", "stable"],
        SemverTags = "1.2.3",
        ImageOutput = "registry;store",
        LocalRegistry = "Podman",
        ImageFormat = "oci",
        Compression = "zstd",
        WorkingDirectory = "/srv/",
        AppCommandInstruction = "Entrypoint",
        AppCommand = ["/srv/web"],
        AppCommandArgs = ["--urls", "http://+:8080"],
        DefaultArgs = ["serve"],
        User = "app",
        Ports = [new("8080", "tcp"), new("9090", "udp")],
        EnvironmentVariables = [new("GREETING", "two\nlines and \"quotes\"")],
        Labels = [new("team", "shop")],
        Annotations = [new("org.opencontainers.image.source", "https://example.com/shop")],
        ExtraLayers = [new("/work/static", "/srv/static/")],
        Layering = "single",
        Files =
        [
            new("/p/x64/web.dll", "web.dll", null, false, false, "linux-x64"),
            new("/p/x64/Humanizer.dll", "Humanizer.dll", "Humanizer.Core", false, false, "linux-x64", "2.14.1", "c2hhNTEy"),
            new("/p/arm/libcoreclr.so", "libcoreclr.so", "Microsoft.NETCore.App.Runtime.linux-arm64", true, true, "linux-arm64", "10.0.1"),
        ],
        RuntimeIdentifiers = ["linux-x64", "linux-arm64"],
        GenerateLabels = false,
        Created = new DateTimeOffset(2026, 12, 3, 21, 0, 0, TimeSpan.FromHours(1)),
        Sbom = false,
        ProjectName = "web",
        ProjectVersion = "2.0.0",
    };

    [Fact]
    public void A_job_arrives_whole_on_one_line()
    {
        var job = new PublishJob(PublishProtocol.Version, Request, "/home/me/.local/share/dotnet-image", "7", Verbose: true);

        var line = PublishProtocol.Serialize(job);
        var read = PublishProtocol.ReadJob(line);

        Assert.DoesNotContain('\n', line);
        Assert.Equal(line, PublishProtocol.Serialize(read));
        Assert.Equal((job.Protocol, job.StorePath, job.Retries, job.Verbose), (read.Protocol, read.StorePath, read.Retries, read.Verbose));
        var request = read.Request;
        Assert.Equal(Request.BaseFacts with { RuntimeIdentifiers = [] }, request.BaseFacts with { RuntimeIdentifiers = [] });
        Assert.Equal(Request.BaseFacts.RuntimeIdentifiers, request.BaseFacts.RuntimeIdentifiers);
        Assert.Equal(Request.Files, request.Files);
        Assert.Equal(Request.Ports, request.Ports);
        Assert.Equal(Request.EnvironmentVariables, request.EnvironmentVariables);
        Assert.Equal(Request.ExtraLayers, request.ExtraLayers);
        Assert.Equal(Request.Created, request.Created);
        Assert.Equal(Request.Created.Offset, request.Created.Offset);
        Assert.Equal(Request.Platforms, request.Platforms);
        Assert.Equal(Request.Tags, request.Tags);
        Assert.Equal(Request.AppCommand, request.AppCommand);
        Assert.Equal(Request.AppCommandArgs, request.AppCommandArgs);
        Assert.Equal(Request.DefaultArgs, request.DefaultArgs);
        Assert.Equal((Request.GenerateLabels, Request.Sbom, Request.Layering, Request.User), (request.GenerateLabels, request.Sbom, request.Layering, request.User));
    }

    [Fact]
    public void The_plan_made_from_a_job_read_back_is_the_plan_made_in_the_task()
    {
        var request = Request with { ImageOutput = "store", ExtraLayers = [], Compression = "gzip", Sbom = true, Layering = "auto" };

        var here = ContainerPlanFactory.Create(request);
        var there = ContainerPlanFactory.Create(PublishProtocol.ReadJob(PublishProtocol.Serialize(new PublishJob(PublishProtocol.Version, request, "/s", null, false))).Request);

        Assert.Equal(here.Base, there.Base);
        Assert.Equal(here.Tags, there.Tags);
        Assert.Equal(here.Changes.Select(c => c.Describe()), there.Changes.Select(c => c.Describe()));
        Assert.Equal(here.Platforms, there.Platforms);
        Assert.Equal(here.Annotations, there.Annotations);
        Assert.Equal(here.Layers.Select(Describe), there.Layers.Select(Describe));
        Assert.Equal(here.Sbom!.Packages, there.Sbom!.Packages);
        Assert.Equal((here.Created, here.Format, here.Compression, here.LabelBaseDigest), (there.Created, there.Format, there.Compression, there.LabelBaseDigest));
    }

    [Fact]
    public void A_result_and_a_failure_arrive_whole()
    {
        var digest = Digest.Parse("sha256:" + new string('a', 64));
        var config = Digest.Parse("sha256:" + new string('b', 64));
        var image = new BuiltImage(Platform.LinuxArm64, digest, 1234, MediaTypes.OciManifest, config, [new BuiltLayer("app", digest, 99, config, MediaTypes.OciLayerGzip, FromCache: true)])
        {
            SbomDigest = config,
        };
        var result = new BuildResult(digest, MediaTypes.OciIndex, digest, [image], ["localhost:5000/shop/web:1.0"], ["registry"], "base:1", config, 1, 2, 3, 4, 5,
            new BuildTimings(10, 20, 30, 60) { PlanMilliseconds = 1, HashMilliseconds = 2, TarCompressMilliseconds = 3, ManifestMilliseconds = 4 });
        var published = new PublishedImage(result, ["localhost:5000/shop/web:1.0"], ["registry", "store /s"], "also loading");

        var read = PublishProtocol.ReadMessage(PublishProtocol.Serialize(new PublishMessage { Result = published })).Result!;
        var failure = PublishProtocol.ReadMessage(PublishProtocol.Serialize(new PublishMessage { Failure = new PublishFailure("IMG0002", "not found", "at\nframe") })).Failure;

        Assert.Equal(published.Places, read.Places);
        Assert.Equal(published.References, read.References);
        Assert.Equal(published.DaemonNote, read.DaemonNote);
        Assert.Equal(result.Timings, read.Result.Timings);
        Assert.Equal(result with { Images = [], Tags = [], Outputs = [] }, read.Result with { Images = [], Tags = [], Outputs = [] });
        var readImage = Assert.Single(read.Result.Images);
        Assert.Equal(image with { Layers = [] }, readImage with { Layers = [] });
        Assert.Equal(image.Layers, readImage.Layers);
        Assert.Equal(new PublishFailure("IMG0002", "not found", "at\nframe"), failure);
    }

    private static string Describe(LayerSpec layer) =>
        $"{layer.Name} {layer.Platform} {layer.SourceIdentity} {layer.Describe()} {string.Join(",", layer.Sources)}";
}

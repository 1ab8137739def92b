using ImageBuild.Content;
using ImageBuild.Daemon;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Store;
using ImageBuild.Tests.Infrastructure;
using ImageBuild.Transfers;

namespace ImageBuild.Tests.Daemon;

/// <summary>
/// Daemon faults that the real test daemon cannot be made to show, against a fake socket that says so: an Engine API
/// too old for us, and a disk that fills while an image loads, which must tag nothing.
/// </summary>
public sealed class EngineApiFaultTests : IDisposable
{
    private const string Version141 = """{"Version":"20.10.24","ApiVersion":"1.41","MinAPIVersion":"1.12","Os":"linux","Arch":"amd64"}""";
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task An_engine_api_older_than_we_need_is_one_line_naming_the_versions()
    {
        await using var socket = new FakeEngineSocket(SocketPath(), _ => (200, """{"Version":"1.11.2","ApiVersion":"1.23","Os":"linux","Arch":"amd64"}"""));
        using var daemon = new EngineApiDaemon(Endpoint(socket));

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => daemon.ConnectAsync(CancellationToken.None));

        Assert.Equal($"the Docker daemon at unix://{socket.Path} speaks Engine API 1.23, older than the 1.24 this tool needs: upgrade it (Docker 1.12 or later)", error.Message);
    }

    [Fact]
    public async Task A_disk_that_fills_while_loading_is_one_line_and_tags_nothing()
    {
        await using var socket = new FakeEngineSocket(SocketPath(), request => request switch
        {
            _ when request.Contains("/version", StringComparison.Ordinal) => (200, Version141),
            _ when request.Contains("/json", StringComparison.Ordinal) => (404, """{"message":"No such image"}"""),
            _ when request.Contains("/images/load", StringComparison.Ordinal) =>
                (200, """{"errorDetail":{"message":"write /var/lib/docker/tmp/docker-import-1/blobs/x: no space left on device"},"error":"write /var/lib/docker/tmp/docker-import-1/blobs/x: no space left on device"}""" + "\n"),
            _ => (500, """{"message":"unexpected"}"""),
        });
        var layout = await OciLayout.OpenOrCreateAsync(temp.Combine("layout"), CancellationToken.None);
        var image = await TestImages.WriteImageAsync(layout, freshLayers: 2);
        var daemons = new ImageDaemons(new DaemonEndpoints(name => name == "DOCKER_HOST" ? "unix://" + socket.Path : null, File.Exists));
        var endpoints = TransferEndpoints.Local(new ImageStore(layout)) with { Daemons = daemons };
        await using var destination = await new DaemonLocation("app:1").OpenDestinationAsync(endpoints, new ImageSource(image.Manifest, layout, "test"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => ImageCopier.WriteAsync(
            layout, [new DestinationWrite(destination, [new NamedImage(image.Manifest, [ImageReference.Parse("app:1")])])], ContentCopyOptions.Default, CancellationToken.None));

        Assert.StartsWith($"the Docker daemon at unix://{socket.Path} ran out of disk space loading the image (write /var/lib/docker/tmp/", error.Message);
        Assert.EndsWith("free space where it keeps images ('docker system prune') and try again", error.Message);
        Assert.Contains(socket.Requests, r => r.Contains("/images/load", StringComparison.Ordinal));
        Assert.DoesNotContain(socket.Requests, r => r.Contains("/tag", StringComparison.Ordinal));
    }

    private string SocketPath() => Path.Combine("/tmp", $"ibf-{Guid.NewGuid():N}"[..16] + ".sock");

    private static DaemonEndpoint Endpoint(FakeEngineSocket socket) => new(DaemonKind.Docker, new Uri("unix://" + socket.Path), "test");
}

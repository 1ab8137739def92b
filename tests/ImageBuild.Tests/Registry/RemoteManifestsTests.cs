using System.Net;
using System.Text;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Registry;
using ImageBuild.Registry.Remote;

namespace ImageBuild.Tests.Registry;

/// <summary>
/// Resolving a reference to its digest when the registry's HEAD answer is incomplete, which the real
/// registry in the integration tests never gives; the socket is faked (<see cref="ScriptedHandler"/>).
/// </summary>
public sealed class RemoteManifestsTests
{
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes(
        """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}""");

    [Fact]
    public async Task HeadWithoutDockerContentDigestFallsBackToGetAndHashesTheBody()
    {
        var handler = new ScriptedHandler(request => request.Method == HttpMethod.Head
            ? ScriptedHandler.Answer(HttpStatusCode.OK, [], MediaTypes.OciManifest)
            : ScriptedHandler.Answer(HttpStatusCode.OK, Manifest, MediaTypes.OciManifest));
        using var transport = new RegistryTransport(new RegistryTransportOptions { PrimaryHandler = handler });

        var descriptor = await RemoteManifests.ResolveAsync(transport.CreateClient("registry.test"), ImageReference.Parse("registry.test/app:1.0"), CancellationToken.None);

        Assert.Equal(Digest.Compute(Manifest), descriptor.Digest);
        Assert.Equal([HttpMethod.Head, HttpMethod.Get], handler.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task HeadWithTheDigestNeedsNoGet()
    {
        var digest = Digest.Compute(Manifest);
        var handler = new ScriptedHandler(_ =>
        {
            var answer = ScriptedHandler.Answer(HttpStatusCode.OK, [], MediaTypes.OciManifest, ("Docker-Content-Digest", digest.ToString()));
            answer.Content.Headers.ContentLength = Manifest.Length;
            return answer;
        });
        using var transport = new RegistryTransport(new RegistryTransportOptions { PrimaryHandler = handler });

        var descriptor = await RemoteManifests.ResolveAsync(transport.CreateClient("registry.test"), ImageReference.Parse("registry.test/app"), CancellationToken.None);

        Assert.Equal(digest, descriptor.Digest);
        Assert.Equal(Manifest.Length, descriptor.Size);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Head, request.Method);
        Assert.Equal("/v2/app/manifests/latest", request.Uri.AbsolutePath);
    }

    [Fact]
    public async Task AMissingTagIsNotFoundAndSaysHowToListTags()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Answer(HttpStatusCode.NotFound));
        using var transport = new RegistryTransport(new RegistryTransportOptions { PrimaryHandler = handler });

        var error = await Assert.ThrowsAsync<NotFoundException>(() =>
            RemoteManifests.ResolveAsync(transport.CreateClient("registry.test"), ImageReference.Parse("registry.test/app:2.0"), CancellationToken.None));

        Assert.Equal("manifest for registry.test/app:2.0 not found: the tag does not exist; list tags with 'dotnet image tags registry.test/app'", error.Message);
    }
}

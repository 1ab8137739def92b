using System.Net;
using System.Text;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Registry;
using ImageBuild.Registry.Credentials;

namespace ImageBuild.Tests.Registry;

/// <summary>
/// Client behaviour that needs a misbehaving or special server. These fake the socket only (see
/// <see cref="ScriptedHandler"/>) to inject what the real registry in the integration tests cannot produce.
/// </summary>
public sealed class RegistryClientFaultTests
{
    private const string Host = "registry.test";
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes(
        """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}""");

    [Fact]
    public async Task ManifestByDigestMustHashToThatDigest()
    {
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Manifest).Replace("\"layers\":[]", "\"layers\":[] ", StringComparison.Ordinal));
        var (client, _) = Client(_ => ScriptedHandler.Answer(HttpStatusCode.OK, tampered, MediaTypes.OciManifest));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("app", Digest.Compute(Manifest), CancellationToken.None));
        Assert.Contains($"is corrupt: {Host} sent content with digest {Digest.Compute(tampered)}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManifestByTagMustMatchDockerContentDigest()
    {
        var wrong = Digest.Compute(Encoding.UTF8.GetBytes("something else"));
        var (client, _) = Client(_ => ScriptedHandler.Answer(HttpStatusCode.OK, Manifest, MediaTypes.OciManifest, ("Docker-Content-Digest", wrong.ToString())));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("app", "1.0", CancellationToken.None));
        Assert.Contains($"says its digest is {wrong}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenericContentTypeIsReplacedByTheBodysMediaType()
    {
        var (client, handler) = Client(_ => ScriptedHandler.Answer(HttpStatusCode.OK, Manifest, "application/json"));

        var manifest = await client.GetManifestAsync("app", "1.0", CancellationToken.None);

        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
        Assert.Equal(Digest.Compute(Manifest), manifest.Digest);
        Assert.Equal(new Uri($"https://{Host}/v2/app/manifests/1.0"), handler.Requests.Single().Uri);
    }

    [Fact]
    public async Task ManifestsOverTheSizeLimitAreRefused()
    {
        var (client, _) = Client(_ => ScriptedHandler.Answer(HttpStatusCode.OK, new byte[2048], MediaTypes.OciManifest), new RegistryClientOptions { ManifestSizeLimit = 1024 });

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => client.GetManifestAsync("app", "big", CancellationToken.None));
        Assert.Contains("over the 1024-byte limit for manifests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerChallengeFetchesAScopedTokenOnceAndReusesIt()
    {
        var tokenRequests = 0;
        var (client, handler) = Client(request =>
        {
            if (request.RequestUri!.Host == "auth.test")
            {
                tokenRequests++;
                return ScriptedHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes("""{"token":"tok-1","expires_in":300}"""), "application/json");
            }

            return request.Headers.Authorization?.ToString() == "Bearer tok-1"
                ? ScriptedHandler.Answer(HttpStatusCode.OK, Manifest, MediaTypes.OciManifest)
                : ScriptedHandler.Answer(HttpStatusCode.Unauthorized, null, null, ("WWW-Authenticate", "Bearer realm=\"https://auth.test/token\",service=\"registry.test\",scope=\"repository:app:pull\""));
        });

        await client.GetManifestAsync("app", "1.0", CancellationToken.None);
        await client.GetManifestAsync("app", "1.0", CancellationToken.None);

        Assert.Equal(1, tokenRequests);
        var token = handler.Requests.Single(r => r.Uri.Host == "auth.test").Uri;
        Assert.Equal("?service=registry.test&scope=repository%3Aapp%3Apull", token.Query);
        Assert.Equal([null, "Bearer tok-1", "Bearer tok-1"], handler.Requests.Where(r => r.Uri.Host == Host).Select(r => r.Authorization));
    }

    [Fact]
    public async Task BasicChallengeSendsTheHostsCredentials()
    {
        var credentials = new StaticCredentialSource(new Dictionary<string, RegistryCredentials> { [Host] = new("me", "pw") });
        var (client, handler) = Client(
            request => request.Headers.Authorization is null
                ? ScriptedHandler.Answer(HttpStatusCode.Unauthorized, null, null, ("WWW-Authenticate", "Basic realm=\"test\""))
                : ScriptedHandler.Answer(HttpStatusCode.OK),
            credentials: credentials);

        await client.PingAsync(CancellationToken.None);

        Assert.Equal([null, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("me:pw"))], handler.Requests.Select(r => r.Authorization));
        Assert.DoesNotContain("pw", (await credentials.GetCredentialsAsync(Host, CancellationToken.None))!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectToAnotherHostDropsTheAuthorization()
    {
        var credentials = new StaticCredentialSource(new Dictionary<string, RegistryCredentials> { [Host] = new("me", "pw") });
        var (client, handler) = Client(
            request => request.RequestUri!.Host switch
            {
                "storage.test" => ScriptedHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes("blob")),
                _ when request.Headers.Authorization is null => ScriptedHandler.Answer(HttpStatusCode.Unauthorized, null, null, ("WWW-Authenticate", "Basic realm=\"test\"")),
                _ => ScriptedHandler.Answer(HttpStatusCode.TemporaryRedirect, null, null, ("Location", "https://storage.test/blobs/x?sig=1")),
            },
            credentials: credentials);

        await using var blob = await client.OpenBlobAsync("app", Digest.Compute(Encoding.UTF8.GetBytes("blob")), CancellationToken.None);

        Assert.Equal("blob", await new StreamReader(blob).ReadToEndAsync());
        var storage = handler.Requests.Single(r => r.Uri.Host == "storage.test");
        Assert.Null(storage.Authorization);
        Assert.NotNull(handler.Requests[1].Authorization);
    }

    [Fact]
    public async Task TagListFollowsLinkHeaders()
    {
        // distribution 2.8 does not paginate tags, so the pages come from the script.
        var (client, handler) = Client(request => request.RequestUri!.Query switch
        {
            "?n=2" => ScriptedHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes("""{"name":"app","tags":["a","b"]}"""), "application/json", ("Link", "</v2/app/tags/list?n=2&last=b>; rel=\"next\"")),
            "?n=2&last=b" => ScriptedHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes("""{"name":"app","tags":["c","d"]}"""), "application/json", ("Link", "</v2/app/tags/list?n=2&last=d>; rel=\"next\"")),
            _ => ScriptedHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes("""{"name":"app","tags":["e"]}"""), "application/json"),
        });

        Assert.Equal(["a", "b", "c", "d", "e"], await client.ListTagsAsync("app", 2).ToListAsync());
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task WarningsReachTheCallback()
    {
        var warnings = new List<RegistryWarning>();
        var (client, _) = Client(_ => ScriptedHandler.Answer(HttpStatusCode.OK, null, null, ("Warning", "299 - \"this registry shuts down in May\"")), onWarning: warnings.Add);

        await client.PingAsync(CancellationToken.None);

        Assert.Equal([new RegistryWarning(Host, "this registry shuts down in May")], warnings);
    }

    private static (RegistryClient Client, ScriptedHandler Handler) Client(
        Func<HttpRequestMessage, HttpResponseMessage> respond,
        RegistryClientOptions? options = null,
        ICredentialSource? credentials = null,
        Action<RegistryWarning>? onWarning = null)
    {
        var handler = new ScriptedHandler(respond);
        var transport = new RegistryTransport(new RegistryTransportOptions
        {
            PrimaryHandler = handler,
            Credentials = credentials ?? new AnonymousCredentialSource(),
            OnWarning = onWarning,
        });
        return (transport.CreateClient(Host, options), handler);
    }
}

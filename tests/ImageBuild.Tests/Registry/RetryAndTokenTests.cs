using System.Diagnostics;
using System.Net;
using System.Text;
using ImageBuild.Oci;
using ImageBuild.Registry;
using ImageBuild.Registry.Credentials;
using ImageBuild.Registry.Resilience;

namespace ImageBuild.Tests.Registry;

/// <summary>Retries and the OAuth2 token flow through the real handler stack over a fake socket (<see cref="ScriptedHandler"/>).</summary>
public sealed class RetryAndTokenTests
{
    private const string Host = "registry.test";
    private static readonly RetryOptions FastRetries = new() { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromSeconds(5), MaxRetries = 3 };

    [Fact]
    public async Task TransientStatusesAreRetriedUntilSuccess()
    {
        var statuses = new Queue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HttpStatusCode.OK]);
        var (client, handler, retry) = Client(_ => ScriptedHandler.Answer(statuses.Dequeue()));

        await client.PingAsync(CancellationToken.None);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(2, retry.RetriesMade);
    }

    [Fact]
    public async Task RetryCountIsBoundedAndTheLastAnswerIsReported()
    {
        var (client, handler, _) = Client(_ => ScriptedHandler.Answer(HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PingAsync(CancellationToken.None));

        Assert.Equal(FastRetries.MaxRetries + 1, handler.Requests.Count);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task RetryAfterIsHonoured()
    {
        var first = true;
        var (client, handler, _) = Client(_ =>
        {
            var answer = first ? ScriptedHandler.Answer(HttpStatusCode.TooManyRequests, null, null, ("Retry-After", "1")) : ScriptedHandler.Answer(HttpStatusCode.OK);
            first = false;
            return answer;
        });
        var clock = Stopwatch.StartNew();

        await client.PingAsync(CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task RetryAfterBeyondTheLimitIsReportedInsteadOfWaitedFor()
    {
        var (client, handler, _) = Client(_ => ScriptedHandler.Answer(
            HttpStatusCode.TooManyRequests, """{"errors":[{"code":"TOOMANYREQUESTS","message":"pull rate limit"}]}"""u8.ToArray(), "application/json", ("Retry-After", "3600")));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("app", "1", CancellationToken.None));

        Assert.Single(handler.Requests);
        Assert.Equal("registry.test is rate-limiting requests (pull rate limit): retry in 3600 s", error.Message);
    }

    [Fact]
    public async Task StreamedUploadsAreNotReplayedByTheTransportButRestartInAFreshSession()
    {
        var puts = 0;
        var sessions = 0;
        var (client, handler, _) = Client(request => (request.Method.Method, request.RequestUri!.AbsolutePath) switch
        {
            ("POST", _) => ScriptedHandler.Answer(HttpStatusCode.Accepted, null, null, ("Location", $"/v2/app/blobs/uploads/session{++sessions}")),
            ("PUT", _) when ++puts == 1 => ScriptedHandler.Answer(HttpStatusCode.ServiceUnavailable),
            ("PUT", _) => ScriptedHandler.Answer(HttpStatusCode.Created),
            ("HEAD", _) => ScriptedHandler.Answer(HttpStatusCode.NotFound),
            _ => ScriptedHandler.Answer(HttpStatusCode.NoContent),
        });

        await client.UploadBlobAsync("app", LayerBytes.Descriptor, new MemoryStream(LayerBytes.Bytes), CancellationToken.None);

        Assert.Equal(
            ["POST /v2/app/blobs/uploads/", "PUT /v2/app/blobs/uploads/session1", "DELETE /v2/app/blobs/uploads/session1", $"HEAD /v2/app/blobs/{LayerBytes.Descriptor.Digest}", "POST /v2/app/blobs/uploads/", "PUT /v2/app/blobs/uploads/session2"],
            Methods(handler));
    }

    [Fact]
    public async Task AnUploadWhoseAnswerWasLostIsNotSentAgainWhenTheRegistryHasTheBlob()
    {
        var (client, handler, _) = Client(request => request.Method.Method switch
        {
            "POST" => ScriptedHandler.Answer(HttpStatusCode.Accepted, null, null, ("Location", "/v2/app/blobs/uploads/session1")),
            "PUT" => ScriptedHandler.Answer(HttpStatusCode.BadGateway),
            "HEAD" => ScriptedHandler.Answer(HttpStatusCode.OK),
            _ => ScriptedHandler.Answer(HttpStatusCode.NoContent),
        });

        await client.UploadBlobAsync("app", LayerBytes.Descriptor, new MemoryStream(LayerBytes.Bytes), CancellationToken.None);

        Assert.Equal(["POST", "PUT", "DELETE", "HEAD"], Methods(handler).Select(m => m.Split(' ')[0]));
    }

    [Fact]
    public async Task AnUploadRateLimitedWithRetryAfterWaitsThatLongBeforeItRestarts()
    {
        var puts = 0;
        var (client, _, _) = Client(request => request.Method.Method switch
        {
            "POST" => ScriptedHandler.Answer(HttpStatusCode.Accepted, null, null, ("Location", "/v2/app/blobs/uploads/s")),
            "PUT" when ++puts == 1 => ScriptedHandler.Answer(HttpStatusCode.TooManyRequests, null, null, ("Retry-After", "1")),
            "PUT" => ScriptedHandler.Answer(HttpStatusCode.Created),
            "HEAD" => ScriptedHandler.Answer(HttpStatusCode.NotFound),
            _ => ScriptedHandler.Answer(HttpStatusCode.NoContent),
        });
        var clock = Stopwatch.StartNew();

        await client.UploadBlobAsync("app", LayerBytes.Descriptor, new MemoryStream(LayerBytes.Bytes), CancellationToken.None);

        Assert.Equal(2, puts);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"restarted after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task AnUploadThatKeepsFailingGivesUpSayingWhatFailedAndHowOftenItWasTried()
    {
        var (client, handler, _) = Client(request => request.Method.Method switch
        {
            "POST" => ScriptedHandler.Answer(HttpStatusCode.Accepted, null, null, ("Location", "/v2/app/blobs/uploads/s")),
            "PUT" => ScriptedHandler.Answer(HttpStatusCode.ServiceUnavailable),
            "HEAD" => ScriptedHandler.Answer(HttpStatusCode.NotFound),
            _ => ScriptedHandler.Answer(HttpStatusCode.NoContent),
        });

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.UploadBlobAsync("app", LayerBytes.Descriptor, new MemoryStream(LayerBytes.Bytes), CancellationToken.None));

        Assert.Equal($"cannot upload blob {Host}/app@{LayerBytes.Descriptor.Digest}: {Host} answered 503 Service Unavailable (tried {FastRetries.MaxRetries + 1} times)", error.Message);
        Assert.Equal(FastRetries.MaxRetries + 1, Methods(handler).Count(m => m.StartsWith("PUT", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AReplayableRequestThatKeepsFailingSaysHowOftenItWasTried()
    {
        var (client, _, _) = Client(_ => ScriptedHandler.Answer(HttpStatusCode.BadGateway));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("app", "1", CancellationToken.None));

        Assert.EndsWith($"answered 502 Bad Gateway (tried {FastRetries.MaxRetries + 1} times)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityTokenUsesOAuth2RefreshGrantWithEveryScopeOfAMount()
    {
        string? form = null;
        var (client, handler, _) = Client(
            request =>
            {
                if (request.RequestUri!.Host == "auth.test")
                {
                    form = request.Content!.ReadAsStringAsync().Result;
                    return ScriptedHandler.Answer(HttpStatusCode.OK, """{"access_token":"oauth-tok","expires_in":300}"""u8.ToArray(), "application/json");
                }

                return request.Headers.Authorization?.ToString() == "Bearer oauth-tok"
                    ? ScriptedHandler.Answer(HttpStatusCode.Created)
                    : ScriptedHandler.Answer(HttpStatusCode.Unauthorized, null, null, ("WWW-Authenticate", "Bearer realm=\"https://auth.test/token\",service=\"registry.test\""));
            },
            new StaticCredentialSource(new Dictionary<string, RegistryCredentials> { [Host] = new("<token>", string.Empty) { IdentityToken = "refresh-secret" } }));

        var mounted = await client.MountBlobAsync("target", Digest.Compute([1]), "source", CancellationToken.None);

        Assert.True(mounted.Mounted);
        var fields = form!.Split('&').Select(Uri.UnescapeDataString).Select(f => f.Replace('+', ' ')).ToList();
        Assert.Contains("grant_type=refresh_token", fields);
        Assert.Contains("refresh_token=refresh-secret", fields);
        Assert.Contains("client_id=dotnet-image", fields);
        Assert.Contains("service=registry.test", fields);
        Assert.Contains("scope=repository:target:pull,push repository:source:pull", fields);
        Assert.Equal(HttpMethod.Post, handler.Requests.Single(r => r.Uri.Host == "auth.test").Method);
    }

    [Fact]
    public async Task OAuth2NotFoundFallsBackToGetWithBasicCredentials()
    {
        var (client, handler, _) = Client(
            request => request.RequestUri!.Host == "auth.test"
                ? request.Method == HttpMethod.Post
                    ? ScriptedHandler.Answer(HttpStatusCode.NotFound)
                    : ScriptedHandler.Answer(HttpStatusCode.OK, """{"token":"get-tok"}"""u8.ToArray(), "application/json")
                : request.Headers.Authorization?.ToString() == "Bearer get-tok"
                    ? ScriptedHandler.Answer(HttpStatusCode.OK)
                    : ScriptedHandler.Answer(HttpStatusCode.Unauthorized, null, null, ("WWW-Authenticate", "Bearer realm=\"https://auth.test/token\",service=\"registry.test\"")),
            new StaticCredentialSource(new Dictionary<string, RegistryCredentials> { [Host] = new("me", string.Empty) { IdentityToken = "idt" } }));

        await client.PingAsync(CancellationToken.None);

        var tokenRequests = handler.Requests.Where(r => r.Uri.Host == "auth.test").ToList();
        Assert.Equal([HttpMethod.Post, HttpMethod.Get], tokenRequests.Select(r => r.Method));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("me:idt")), tokenRequests[1].Authorization);
    }

    [Fact]
    public async Task RefusedCredentialsNameTheirSource()
    {
        var (client, _, _) = Client(
            _ => ScriptedHandler.Answer(HttpStatusCode.Unauthorized, null, null, ("WWW-Authenticate", "Basic realm=\"r\"")),
            new StaticCredentialSource(new Dictionary<string, RegistryCredentials> { [Host] = new("me", "wrong") { Source = "~/.docker/config.json" } }));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("app", "1", CancellationToken.None));

        Assert.StartsWith("credentials from ~/.docker/config.json were refused by registry.test", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("run 'dotnet image login registry.test'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    private static (RegistryClient Client, ScriptedHandler Handler, RetryHandler Retry) Client(
        Func<HttpRequestMessage, HttpResponseMessage> respond, ICredentialSource? credentials = null)
    {
        var handler = new ScriptedHandler(respond);
        var retry = new RetryHandler(FastRetries);
        var transport = new RegistryTransport(new RegistryTransportOptions
        {
            PrimaryHandler = handler,
            Credentials = credentials ?? new AnonymousCredentialSource(),
            AdditionalHandlers = () => [retry],
            ClientOptions = new RegistryClientOptions { Retry = FastRetries },
        });
        return (transport.CreateClient(Host), handler, retry);
    }

    private static List<string> Methods(ScriptedHandler handler) => handler.Requests.Select(r => $"{r.Method} {r.Uri.AbsolutePath}").ToList();

    /// <summary>A small layer blob and its descriptor.</summary>
    private static class LayerBytes
    {
        public static byte[] Bytes { get; } = Encoding.UTF8.GetBytes("layer bytes");

        public static Descriptor Descriptor { get; } = new() { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(Bytes), Size = Bytes.Length };
    }
}

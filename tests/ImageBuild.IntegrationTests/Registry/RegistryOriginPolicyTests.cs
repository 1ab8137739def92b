using System.Net;
using System.Text;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;
using ImageBuild.Registry.Credentials;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>
/// A hostile registry on loopback hands back URLs (Link, Location, redirects, token realms) that point at another
/// host, a second loopback server with its own origin that logs what it received. The user's login must reach
/// only the registry it was given for, and plain HTTP only loopback or hosts named insecure.
/// </summary>
public sealed class RegistryOriginPolicyTests : IDisposable
{
    private const string Password = "s3cret-password";
    private static readonly byte[] Blob = Encoding.UTF8.GetBytes("blob content");
    private static readonly Digest BlobDigest = Digest.Compute(Blob);

    private readonly LoopbackHttpServer other = new((request, response) => RespondAsync(response, 401, "unauthorized", ("WWW-Authenticate", "Basic realm=\"other\"")));
    private readonly List<LoopbackHttpServer> servers = [];

    public void Dispose()
    {
        other.Dispose();
        servers.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task A_tags_page_link_to_another_host_gets_no_credentials()
    {
        var registry = Registry(request => request.Url!.AbsolutePath == "/v2/app/tags/list"
            ? (200, """{"name":"app","tags":["a"]}""", [("Link", $"<http://{other.Authority}/v2/app/tags/list?last=a>; rel=\"next\"")])
            : (200, "{}", []));

        await Assert.ThrowsAsync<RegistryException>(() => ListTagsAsync(registry));

        AssertRegistryGotTheLoginAndTheOtherHostNothing(registry);
        Assert.Contains(other.Received, r => r.PathAndQuery.StartsWith("/v2/app/tags/list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_to_plain_http_on_a_host_neither_loopback_nor_insecure_is_refused_before_any_connection()
    {
        var registry = Registry(request => request.Url!.AbsolutePath == "/v2/app/tags/list"
            ? (200, """{"name":"app","tags":["a"]}""", [("Link", "<http://registry.invalid:5000/v2/app/tags/list?last=a>; rel=\"next\"")])
            : (200, "{}", []));

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListTagsAsync(registry));

        Assert.Contains("http://registry.invalid:5000, which is not HTTPS and neither loopback nor named with --insecure-registry", error.Message);
    }

    [Fact]
    public async Task An_upload_location_on_another_host_that_asks_for_a_login_gets_none()
    {
        var registry = Registry(request => request.HttpMethod == "POST"
            ? (202, string.Empty, [("Location", $"http://{other.Authority}/upload/1?state=x")])
            : (200, "{}", []));
        using var transport = Transport();

        await Assert.ThrowsAsync<RegistryException>(
            () => transport.CreateClient(registry.Authority).UploadBlobAsync("app", Descriptor(), new MemoryStream(Blob), CancellationToken.None));

        AssertRegistryGotTheLoginAndTheOtherHostNothing(registry);
        Assert.Contains(other.Received, r => r.PathAndQuery.StartsWith("/upload/1?state=x", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upload_location_on_plain_http_elsewhere_than_loopback_is_refused()
    {
        var registry = Registry(request => request.HttpMethod == "POST"
            ? (202, string.Empty, [("Location", "http://storage.invalid/upload/1")])
            : (200, "{}", []));
        using var transport = Transport();

        var error = await Assert.ThrowsAsync<RegistryException>(
            () => transport.CreateClient(registry.Authority).UploadBlobAsync("app", Descriptor(), new MemoryStream(Blob), CancellationToken.None));

        Assert.Contains("http://storage.invalid, which is not HTTPS and neither loopback nor named with --insecure-registry", error.Message);
    }

    [Fact]
    public async Task A_blob_redirect_to_another_host_is_followed_without_credentials()
    {
        using var storage = new LoopbackHttpServer((request, response) => RespondAsync(response, 200, Encoding.UTF8.GetString(Blob)));
        var registry = Registry(request => request.Url!.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal)
            ? (307, string.Empty, [("Location", $"http://{storage.Authority}/storage/blob")])
            : (200, "{}", []));
        using var transport = Transport();

        await using var stream = await transport.CreateClient(registry.Authority).OpenBlobAsync("app", BlobDigest, CancellationToken.None);
        var read = new MemoryStream();
        await stream.CopyToAsync(read);

        Assert.Equal(Blob, read.ToArray());
        AssertRegistryGotTheLoginAndTheOtherHostNothing(registry, storage);
    }

    [Fact]
    public async Task A_bearer_challenge_from_another_host_gets_no_token_request()
    {
        using var tokens = new LoopbackHttpServer((request, response) => RespondAsync(response, 200, """{"token":"t"}"""));
        using var foreign = new LoopbackHttpServer((request, response) => RespondAsync(
            response, 401, string.Empty, ("WWW-Authenticate", $"Bearer realm=\"http://{tokens.Authority}/token\",service=\"evil\"")));
        var registry = Registry(request => request.Url!.AbsolutePath == "/v2/app/tags/list"
            ? (200, """{"name":"app","tags":["a"]}""", [("Link", $"<http://{foreign.Authority}/v2/app/tags/list?last=a>; rel=\"next\"")])
            : (200, "{}", []));

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListTagsAsync(registry));

        Assert.Contains($"{foreign.Authority}, which is not the registry {registry.Authority}, asked for a token", error.Message);
        Assert.Empty(tokens.Received);
        Assert.All(foreign.Received, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task A_token_realm_on_plain_http_elsewhere_than_loopback_gets_nothing()
    {
        using var registry = new LoopbackHttpServer((request, response) => RespondAsync(
            response, 401, string.Empty, ("WWW-Authenticate", "Bearer realm=\"http://tokens.invalid/token\",service=\"s\"")));

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListTagsAsync(registry));

        Assert.Contains("sends its token requests to http://tokens.invalid/token, which is not HTTPS", error.Message);
    }

    private LoopbackHttpServer Registry(Func<HttpListenerRequest, (int Status, string Body, (string, string)[] Headers)> route)
    {
        var server = new LoopbackHttpServer((request, response) =>
        {
            if (request.Headers["Authorization"] is null)
            {
                return RespondAsync(response, 401, "unauthorized", ("WWW-Authenticate", "Basic realm=\"hostile\""));
            }

            var (status, body, headers) = route(request);
            return RespondAsync(response, status, body, headers);
        });
        servers.Add(server);
        return server;
    }

    private static RegistryTransport Transport() => new(new RegistryTransportOptions
    {
        // Like DOTNET_IMAGE_REGISTRY_USERNAME/_PASSWORD: a login that any host asking for one would get.
        Credentials = new EnvironmentCredentialSource(name => name switch
        {
            EnvironmentCredentialSource.UsernameVariable => "user",
            EnvironmentCredentialSource.PasswordVariable => Password,
            _ => null,
        }),
    });

    private static async Task<List<string>> ListTagsAsync(LoopbackHttpServer registry)
    {
        using var transport = Transport();
        var tags = new List<string>();
        await foreach (var tag in transport.CreateClient(registry.Authority).ListTagsAsync("app"))
        {
            tags.Add(tag);
        }

        return tags;
    }

    private void AssertRegistryGotTheLoginAndTheOtherHostNothing(LoopbackHttpServer registry, LoopbackHttpServer? elsewhere = null)
    {
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"user:{Password}"));
        Assert.Contains(registry.Received, r => r.Authorization == basic);
        var foreign = (elsewhere ?? other).Received;
        Assert.NotEmpty(foreign);
        Assert.All(foreign, r => Assert.Null(r.Authorization));
    }

    private static Descriptor Descriptor() => new() { MediaType = MediaTypes.OciLayer, Digest = BlobDigest, Size = Blob.Length };

    private static async Task RespondAsync(HttpListenerResponse response, int status, string body, params (string Name, string Value)[] headers)
    {
        response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }
}

using System.Net;
using System.Net.Sockets;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;
using ImageBuild.Registry.Credentials;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>Tags, catalog, deletes, authentication and the error messages users see, against real registries.</summary>
public sealed class RegistryListingAndErrorTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryTransport transport = new();

    private RegistryClient Client => transport.CreateClient(registry.Host);

    public void Dispose() => transport.Dispose();

    [Fact]
    public async Task ListsEveryTagWithSmallPages()
    {
        var image = TestImage.Create(layers: 1);
        string[] tags = ["a", "b", "c", "d", "e"];
        await PushAsync(Client, image, "tagged", tags);

        var listed = await Client.ListTagsAsync("tagged", pageSize: 2).ToListAsync();

        // distribution 2.8 ignores n on tags/list (tag pagination came with 3.0) and answers in one page, so
        // following Link for tags is proven by a unit test; the catalog test below follows real Link headers.
        Assert.Equal(tags, listed.Order(StringComparer.Ordinal));
        Assert.Contains(registry.Requests(), r => r is { Method: "GET", Status: 200 } && r.Target == "/v2/tagged/tags/list?n=2");
    }

    [Fact]
    public async Task CatalogPaginatesThroughTheLinkHeader()
    {
        await using var own = await RegistryFixture.StartAsync();
        var client = transport.CreateClient(own.Host);
        var image = TestImage.Create(layers: 1);
        string[] repositories = ["r1", "r2", "r3", "r4", "team/r5"];
        foreach (var repository in repositories)
        {
            await PushAsync(client, image, repository, ["1"]);
        }

        var listed = await client.ListRepositoriesAsync(pageSize: 2).ToListAsync();

        Assert.Equal(repositories, listed);
        var pages = own.Requests().Where(r => r.Target.StartsWith("/v2/_catalog", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages.Skip(1), page => Assert.Contains("last=", page.Target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeletedManifestIsUnknownWithAMessageThatNamesTheFix()
    {
        var image = TestImage.Create(layers: 1);
        await PushAsync(Client, image, "doomed", ["1.0"]);

        await Client.DeleteManifestAsync("doomed", image.Manifest.Digest.ToString(), CancellationToken.None);

        Assert.Contains(registry.Requests(), r => r is { Method: "DELETE", Status: 202 } && r.Target == $"/v2/doomed/manifests/{image.Manifest.Digest}");
        var error = await Assert.ThrowsAsync<RegistryException>(() => Client.GetManifestAsync("doomed", "1.0", CancellationToken.None));
        Assert.Equal("MANIFEST_UNKNOWN", error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.StartsWith(
            $"manifest for {registry.Host}/doomed:1.0 not found: the tag does not exist; list tags with 'dotnet image tags {registry.Host}/doomed'",
            error.Message,
            StringComparison.Ordinal);
        var byDigest = await Assert.ThrowsAsync<RegistryException>(() => Client.GetManifestAsync("doomed", image.Manifest.Digest, CancellationToken.None));
        Assert.Contains($"manifest {registry.Host}/doomed@{image.Manifest.Digest} not found", byDigest.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteOnARegistryWithDeletesDisabledSaysHowToEnableThem()
    {
        await using var readOnly = await RegistryFixture.StartAsync(new RegistryFixtureOptions { DeleteEnabled = false });
        var client = transport.CreateClient(readOnly.Host);
        var image = TestImage.Create(layers: 1);
        await PushAsync(client, image, "kept", ["1"]);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.DeleteManifestAsync("kept", image.Manifest.Digest.ToString(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, error.StatusCode);
        Assert.Equal("UNSUPPORTED", error.ErrorCode);
        Assert.StartsWith($"{readOnly.Host} does not allow deletes", error.Message, StringComparison.Ordinal);
        Assert.Contains("storage.delete.enabled: true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRepositoryTagsAreNameUnknown()
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => Client.ListTagsAsync("never/pushed").ToListAsync().AsTask());
        Assert.Equal("NAME_UNKNOWN", error.ErrorCode);
        Assert.StartsWith($"repository {registry.Host}/never/pushed not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefusedAsksWhetherTheRegistryRuns()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<RegistryException>(() => transport.CreateClient($"127.0.0.1:{port}").PingAsync(CancellationToken.None));

        Assert.Equal($"cannot reach registry 127.0.0.1:{port}: connection refused; is it running?", error.Message);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task BasicAuthenticationAnswersTheRegistrysChallenge()
    {
        await using var secured = await RegistryFixture.StartAsync(new RegistryFixtureOptions { BasicAuth = ("tester", "s3cret-pass") });
        var lines = new List<string>();
        var credentials = new StaticCredentialSource(new Dictionary<string, RegistryCredentials> { [secured.Host] = new("tester", "s3cret-pass") });
        using var authenticated = new RegistryTransport(new RegistryTransportOptions { Credentials = credentials, Log = lines.Add });
        var image = TestImage.Create(layers: 1);

        await PushAsync(authenticated.CreateClient(secured.Host), image, "private", ["1"]);
        var fetched = await authenticated.CreateClient(secured.Host).GetManifestAsync("private", "1", CancellationToken.None);
        var anonymous = await Assert.ThrowsAsync<RegistryException>(() => transport.CreateClient(secured.Host).GetManifestAsync("private", "1", CancellationToken.None));

        Assert.Equal(image.ManifestBytes, fetched.Bytes);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains($"give credentials for {secured.Host}", anonymous.Message, StringComparison.Ordinal);
        Assert.Single(secured.Requests(), r => r.Status == 401 && r.Target.Contains("/manifests/1", StringComparison.Ordinal) && r.Method == "GET");
        Assert.DoesNotContain(lines, line => line.Contains("s3cret", StringComparison.Ordinal) || line.Contains("Authorization", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task PushAsync(RegistryClient client, TestImage image, string repository, IEnumerable<string> tags)
    {
        foreach (var blob in image.Layers.Append(image.Config))
        {
            using var content = new MemoryStream(image.Blobs[blob.Digest]);
            await client.UploadBlobAsync(repository, blob, content, CancellationToken.None);
        }

        foreach (var tag in tags)
        {
            await client.PutManifestAsync(repository, tag, image.ManifestBytes, MediaTypes.OciManifest, CancellationToken.None);
        }
    }
}

using ImageBuild.Content;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;
using ImageBuild.Registry.Credentials;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>
/// The full Bearer flow against a real registry configured with <c>auth: token</c>: challenges, token
/// requests with scopes to a test token issuer whose signing certificate the registry trusts, token
/// caching, cross-repository mounts, refusals and anonymous access, through the library and the CLI.
/// </summary>
public sealed class TokenAuthTests : IDisposable
{
    private const string User = "pusher";
    private const string Password = "t0ken-pass";
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-token-auth");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task PushAndPullWithBearerTokensAskingTheIssuerOnlyOncePerScopeSet()
    {
        using var issuer = new TokenIssuer(new Dictionary<string, string> { [User] = Password });
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { TokenAuth = issuer.RegistryAuth });
        var image = TestImage.Create(layers: 4);

        using (var transport = Transport(Password))
        {
            await image.PushAsync(transport.CreateClient(registry.Host), "app", "1");
        }

        var afterPush = issuer.Requests;
        var pulled = new MemoryBlobStore();
        using (var transport = Transport(Password))
        {
            var client = transport.CreateClient(registry.Host);
            var manifest = await client.GetManifestAsync("app", "1", CancellationToken.None);
            await new ContentCopier(client.Repository("app"), pulled).CopyAsync(manifest.ToDescriptor(), cancellationToken: CancellationToken.None);
        }

        var pullRequests = issuer.Requests.Skip(afterPush.Count).ToList();
        Assert.Equal(image.Blobs.Digests.Select(d => d.ToString()).Order(), pulled.Digests.Select(d => d.ToString()).Order());
        Assert.All(issuer.Requests, r => Assert.Equal((User, 200), (r.Username, r.Status)));

        // Five blobs and a manifest take a dozen registry requests; tokens come once per scope set: pull, pull+push.
        Assert.InRange(afterPush.Count, 1, 2);
        Assert.Contains(afterPush, r => r.Scopes.Contains(RegistryScope.PullPush("app")));
        Assert.True(registry.Requests().Count(r => r.Status is >= 200 and < 300) >= 12, registry.Log);
        Assert.Equal([RegistryScope.Pull("app")], Assert.Single(pullRequests).Scopes);
        Assert.Contains(registry.Requests(), r => r.Status == 401);
    }

    [Fact]
    public async Task CrossRepositoryMountAsksOneTokenForPullOnTheSourceAndPushOnTheTarget()
    {
        using var issuer = new TokenIssuer(new Dictionary<string, string> { [User] = Password });
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { TokenAuth = issuer.RegistryAuth });
        var image = TestImage.Create(layers: 1);
        using (var transport = Transport(Password))
        {
            await image.PushAsync(transport.CreateClient(registry.Host), "source", "1");
        }

        using var mounting = Transport(Password);
        var before = issuer.Requests.Count;
        var mount = await mounting.CreateClient(registry.Host).MountBlobAsync("target", image.Layers[0].Digest, "source", CancellationToken.None);

        Assert.True(mount.Mounted);
        var token = Assert.Single(issuer.Requests.Skip(before));
        Assert.Equal([RegistryScope.Pull("source"), RegistryScope.PullPush("target")], token.Scopes.Order(StringComparer.Ordinal));
        Assert.Contains(registry.Requests(), r => r.Method == "POST" && r.Target.StartsWith("/v2/target/blobs/uploads/?", StringComparison.Ordinal) && r.Status == 201);
    }

    [Fact]
    public async Task WrongCredentialsAreRefusedByTheIssuerNamingTheirSource()
    {
        using var issuer = new TokenIssuer(new Dictionary<string, string> { [User] = Password });
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { TokenAuth = issuer.RegistryAuth });
        using var transport = Transport("not-the-password");

        var error = await Assert.ThrowsAsync<RegistryException>(() => transport.CreateClient(registry.Host).GetManifestAsync("app", "1", CancellationToken.None));

        Assert.Equal(
            $"the token service {issuer.Realm} refused access to {registry.Host} with 401 Unauthorized: the credentials from "
            + $"{EnvironmentCredentialSource.UsernameVariable}/PASSWORD were refused; run 'dotnet image login {registry.Host}'",
            error.Message);
        Assert.Equal((User, 401), (issuer.Requests[^1].Username, issuer.Requests[^1].Status));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnonymousPullIsAllowedOrDeniedAsTheIssuerDecides(bool anonymousPull)
    {
        using var issuer = new TokenIssuer(new Dictionary<string, string> { [User] = Password }, anonymousPull);
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { TokenAuth = issuer.RegistryAuth });
        var image = TestImage.Create(layers: 1);
        using (var transport = Transport(Password))
        {
            await image.PushAsync(transport.CreateClient(registry.Host), "public", "1");
        }

        using var anonymous = new RegistryTransport();
        var client = anonymous.CreateClient(registry.Host);
        var pushError = await Assert.ThrowsAsync<RegistryException>(() => TestImage.Create(layers: 1).PushAsync(client, "public", "2"));
        Assert.StartsWith($"{registry.Host} requires authentication to ", pushError.Message, StringComparison.Ordinal);
        if (anonymousPull)
        {
            var manifest = await client.GetManifestAsync("public", "1", CancellationToken.None);
            Assert.Equal(image.ManifestBytes, manifest.Bytes);
        }
        else
        {
            var pullError = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync("public", "1", CancellationToken.None));
            Assert.StartsWith($"{registry.Host} requires authentication to ", pullError.Message, StringComparison.Ordinal);
            Assert.EndsWith($"'dotnet image login {registry.Host}'", pullError.Message, StringComparison.Ordinal);
        }

        Assert.Contains(issuer.Requests, r => r.Username is null && r.Status == 200);
    }

    [Fact]
    public async Task CliPushesWithCredentialsFromTheEnvironment()
    {
        using var issuer = new TokenIssuer(new Dictionary<string, string> { [User] = Password });
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { TokenAuth = issuer.RegistryAuth });
        var rootfs = temp.CreateSubdirectory("rootfs");
        await File.WriteAllTextAsync(Path.Combine(rootfs, "hello.txt"), "pushed through a token registry\n");
        var reference = $"{registry.Host}/cli/app:1";
        var store = temp.Combine("store");
        (await new CliRunner(store).RunAsync("import", rootfs, reference)).EnsureSuccess();

        var refused = await new CliRunner(store, Credentials("wrong")).RunAsync("push", reference);
        var push = await new CliRunner(store, Credentials(Password)).RunAsync("push", reference);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(
            $"error: the token service {issuer.Realm} refused access to {registry.Host} with 401 Unauthorized: the credentials from "
            + $"{EnvironmentCredentialSource.UsernameVariable}/PASSWORD were refused; run 'dotnet image login {registry.Host}'",
            refused.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.DoesNotContain("wrong", refused.StandardError, StringComparison.Ordinal);
        push.EnsureSuccess();
        using var transport = Transport(Password);
        var manifest = await transport.CreateClient(registry.Host).GetManifestAsync("cli/app", "1", CancellationToken.None);
        Assert.Equal($"{registry.Host}/cli/app@{manifest.Digest}", push.StandardOutput.Trim());
        Assert.Contains(issuer.Requests, r => r.Username == User && r.Status == 200 && r.Scopes.Contains(RegistryScope.PullPush("cli/app")));
    }

    private static Dictionary<string, string?> Credentials(string password) => new()
    {
        [EnvironmentCredentialSource.UsernameVariable] = User,
        [EnvironmentCredentialSource.PasswordVariable] = password,
        ["DOCKER_CONFIG"] = "/nonexistent",
    };

    // The credential chain the CLI uses, reading the user from the same variables.
    private static RegistryTransport Transport(string password)
    {
        var variables = Credentials(password);
        return new RegistryTransport(new RegistryTransportOptions
        {
            Credentials = CredentialChain.CreateDefault(name => variables.TryGetValue(name, out var value) ? value : null),
        });
    }
}

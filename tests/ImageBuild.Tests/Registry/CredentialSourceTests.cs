using System.Text;
using ImageBuild.Errors;
using ImageBuild.Registry.Credentials;

namespace ImageBuild.Tests.Registry;

/// <summary>The credential sources against real files and real helper processes (shell scripts) written by the test.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CredentialSourceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("imagebuild-creds-").FullName;
    private readonly Dictionary<string, string?> variables = new(StringComparer.Ordinal);

    public CredentialSourceTests()
    {
        variables["HOME"] = directory;
        variables["PATH"] = directory + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
    }

    private string ConfigPath => Path.Combine(directory, "config.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task AuthsEntryDecodesBase64UserAndPasswordAndNamesTheFile()
    {
        WriteConfig($$$$"""{"auths":{"registry.example:5000":{"auth":"{{{{Base64("alice:pa:ss")}}}}"},"other.example":{"auth":"{{{{Base64("bob:x")}}}}"}}}""");

        var found = await Source().GetCredentialsAsync("registry.example:5000", CancellationToken.None);

        Assert.Equal(("alice", "pa:ss"), (found!.Username, found.Password));
        Assert.Equal("~/config.json", found.Source);
        Assert.Null(await Source().GetCredentialsAsync("registry.example", CancellationToken.None));
    }

    [Theory]
    [InlineData("registry-1.docker.io")]
    [InlineData("docker.io")]
    [InlineData("index.docker.io")]
    public async Task DockerHubKeyServesEveryDockerHubName(string host)
    {
        WriteConfig($$$$"""{"auths":{"https://index.docker.io/v1/":{"auth":"{{{{Base64("hubuser:hubpass")}}}}"}}}""");

        var found = await Source().GetCredentialsAsync(host, CancellationToken.None);

        Assert.Equal("hubuser", found!.Username);
    }

    [Fact]
    public async Task IdentityTokenIsKeptAsARefreshToken()
    {
        WriteConfig($$$$"""{"auths":{"acr.example":{"auth":"{{{{Base64("00000000-0000-0000-0000-000000000000:")}}}}","identitytoken":"refresh-me"}}}""");

        var found = await Source().GetCredentialsAsync("acr.example", CancellationToken.None);

        Assert.Equal("refresh-me", found!.IdentityToken);
        Assert.DoesNotContain("refresh-me", found.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredHelperIsRunWithTheHostOnStandardInput()
    {
        WriteHelper("echo", """read host; printf '{"ServerURL":"%s","Username":"user-for-%s","Secret":"helper-secret"}' "$host" "$host" """);
        WriteConfig("""{"credHelpers":{"registry.example":"echo"},"auths":{"registry.example":{"auth":"c2hhZG93OnNoYWRvdw=="}}}""");

        var found = await Source().GetCredentialsAsync("registry.example", CancellationToken.None);

        Assert.Equal(("user-for-registry.example", "helper-secret"), (found!.Username, found.Password));
        Assert.Equal("credential helper docker-credential-echo", found.Source);
    }

    [Fact]
    public async Task CredsStoreWithoutAnEntryFallsBackToAuthsAndTokenUserMeansIdentityToken()
    {
        WriteHelper("store", """read host; if [ "$host" = "token.example" ]; then echo '{"Username":"<token>","Secret":"idtok"}'; else echo "credentials not found in native keychain"; exit 1; fi""");
        WriteConfig($$$$"""{"credsStore":"store","auths":{"plain.example":{"auth":"{{{{Base64("carol:pw")}}}}"}}}""");

        var token = await Source().GetCredentialsAsync("token.example", CancellationToken.None);
        var plain = await Source().GetCredentialsAsync("plain.example", CancellationToken.None);

        Assert.Equal("idtok", token!.IdentityToken);
        Assert.Equal("carol", plain!.Username);
    }

    [Fact]
    public async Task MissingOrFailingHelperIsNamed()
    {
        WriteHelper("broken", "echo 'keychain is locked' >&2; exit 3");
        WriteConfig("""{"credHelpers":{"a.example":"nothere","b.example":"broken"}}""");

        var missing = await Assert.ThrowsAsync<ImageBuildException>(async () => await Source().GetCredentialsAsync("a.example", CancellationToken.None));
        var broken = await Assert.ThrowsAsync<ImageBuildException>(async () => await Source().GetCredentialsAsync("b.example", CancellationToken.None));

        Assert.Contains("docker-credential-nothere", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not installed", missing.Message, StringComparison.Ordinal);
        Assert.Contains("docker-credential-broken", broken.Message, StringComparison.Ordinal);
        Assert.Contains("keychain is locked", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HangingHelperTimesOut()
    {
        WriteHelper("slow", "sleep 30");
        WriteConfig("""{"credsStore":"slow"}""");
        var source = new DockerConfigCredentialSource(ConfigPath, Environment, TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<ImageBuildException>(async () => await source.GetCredentialsAsync("x.example", CancellationToken.None));

        Assert.Contains("docker-credential-slow", error.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RegistryDirection.Push, "pusher")]
    [InlineData(RegistryDirection.Pull, "puller")]
    public async Task EnvironmentUsesTheSdksPerDirectionVariables(RegistryDirection direction, string expected)
    {
        variables["DOTNET_CONTAINER_PUSH_REGISTRY_UNAME"] = "pusher";
        variables["DOTNET_CONTAINER_PUSH_REGISTRY_PWORD"] = "p1";
        variables["DOTNET_CONTAINER_PULL_REGISTRY_UNAME"] = "puller";
        variables["DOTNET_CONTAINER_PULL_REGISTRY_PWORD"] = "p2";

        var found = await new EnvironmentCredentialSource(Environment, direction).GetCredentialsAsync("any.example", CancellationToken.None);

        Assert.Equal(expected, found!.Username);
    }

    [Fact]
    public async Task ChainPrefersTheEnvironmentOverConfigJson()
    {
        WriteConfig($$$$"""{"auths":{"registry.example":{"auth":"{{{{Base64("fromfile:pw")}}}}"}}}""");
        variables["DOCKER_CONFIG"] = directory;
        var chain = CredentialChain.CreateDefault(Environment);
        Assert.Equal("fromfile", (await chain.GetCredentialsAsync("registry.example", CancellationToken.None))!.Username);

        variables[EnvironmentCredentialSource.UsernameVariable] = "fromenv";
        variables[EnvironmentCredentialSource.PasswordVariable] = "pw";
        var found = await CredentialChain.CreateDefault(Environment).GetCredentialsAsync("registry.example", CancellationToken.None);

        Assert.Equal("fromenv", found!.Username);
        Assert.Equal("DOTNET_IMAGE_REGISTRY_USERNAME/PASSWORD", found.Source);
    }

    [Fact]
    public async Task PodmanAuthFileIsReadWhenNamedByRegistryAuthFile()
    {
        var authFile = Path.Combine(directory, "auth.json");
        await File.WriteAllTextAsync(authFile, $$$$"""{"auths":{"quay.example":{"auth":"{{{{Base64("podman:pw")}}}}"}}}""");
        variables["REGISTRY_AUTH_FILE"] = authFile;

        var found = await CredentialChain.CreateDefault(Environment).GetCredentialsAsync("quay.example", CancellationToken.None);

        Assert.Equal(("podman", "~/auth.json"), (found!.Username, found.Source));
    }

    [Fact]
    public async Task SavingALoginKeepsTheRestOfTheFileAndIsPrivate()
    {
        WriteConfig($$$$"""{"psFormat":"table {{.ID}}","auths":{"keep.example":{"auth":"{{{{Base64("k:k")}}}}"}}}""");

        var config = await DockerConfigFile.LoadAsync(ConfigPath, CancellationToken.None);
        config.SetAuth("docker.io", new RegistryCredentials("new", "secret"));
        await config.SaveAsync(CancellationToken.None);
        var reread = await DockerConfigFile.LoadAsync(ConfigPath, CancellationToken.None);
        var text = await File.ReadAllTextAsync(ConfigPath);

        Assert.Contains("\"psFormat\": \"table {{.ID}}\"", text, StringComparison.Ordinal);
        Assert.Contains("\"https://index.docker.io/v1/\"", text, StringComparison.Ordinal);
        Assert.Equal("new", reread.AuthFor("registry-1.docker.io", "x")!.Username);
        Assert.Equal("k", reread.AuthFor("keep.example", "x")!.Username);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigPath));
        Assert.Single(Directory.GetFiles(directory));

        Assert.True(reread.RemoveAuth("docker.io"));
        Assert.Null(reread.AuthFor("docker.io", "x"));
    }

    private string? Environment(string name) => variables.TryGetValue(name, out var value) ? value : null;

    private DockerConfigCredentialSource Source() => new(ConfigPath, Environment);

    private void WriteConfig(string json) => File.WriteAllText(ConfigPath, json);

    private void WriteHelper(string name, string body)
    {
        var path = Path.Combine(directory, "docker-credential-" + name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}

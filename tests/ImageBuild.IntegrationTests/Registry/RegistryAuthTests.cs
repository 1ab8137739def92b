using System.Diagnostics;
using System.Text;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;
using ImageBuild.Registry.Credentials;
using ImageBuild.Registry.Tls;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>Credentials from every source, login/logout and TLS trust against real registries (htpasswd Basic auth, TLS with a test CA).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RegistryAuthTests : IDisposable
{
    private const string User = "tester";
    private const string Password = "s3cret-pass";
    private readonly TempDirectory home = TempDirectory.Create("imagebuild-auth-home");
    private readonly Dictionary<string, string?> variables = new(StringComparer.Ordinal);

    public RegistryAuthTests()
    {
        variables["HOME"] = home.Path;
        variables["PATH"] = home.Path + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
    }

    private string DockerConfigPath => home.Combine(".docker", "config.json");

    public void Dispose() => home.Dispose();

    [Theory]
    [InlineData("auths")]
    [InlineData("credHelpers")]
    [InlineData("credsStore")]
    [InlineData("environment")]
    [InlineData("sdk-environment")]
    public async Task EverySourceAuthenticatesToABasicAuthRegistry(string variant)
    {
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { BasicAuth = (User, Password) });
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
        WriteHelper("test", $$"""read host; [ "$host" = "{{registry.Host}}" ] || exit 1; echo '{"ServerURL":"'$host'","Username":"{{User}}","Secret":"{{Password}}"}'""");
        switch (variant)
        {
            case "auths":
                WriteDockerConfig("{\"auths\":{\"" + registry.Host + "\":{\"auth\":\"" + auth + "\"}}}");
                break;
            case "credHelpers":
                WriteDockerConfig("{\"credHelpers\":{\"" + registry.Host + "\":\"test\"}}");
                break;
            case "credsStore":
                WriteDockerConfig("""{"credsStore":"test"}""");
                break;
            case "environment":
                variables[EnvironmentCredentialSource.UsernameVariable] = User;
                variables[EnvironmentCredentialSource.PasswordVariable] = Password;
                break;
            default:
                variables["DOTNET_CONTAINER_REGISTRY_UNAME"] = User;
                variables["DOTNET_CONTAINER_REGISTRY_PWORD"] = Password;
                break;
        }

        using var transport = new RegistryTransport(new RegistryTransportOptions { Credentials = CredentialChain.CreateDefault(Env) });
        var image = TestImage.Create(layers: 1);
        await image.PushAsync(transport.CreateClient(registry.Host), "private", "1");

        var fetched = await transport.CreateClient(registry.Host).GetManifestAsync("private", "1", CancellationToken.None);
        Assert.Equal(image.ManifestBytes, fetched.Bytes);
    }

    [Fact]
    public async Task WrongCredentialsNameTheirSourceAndHowToLogIn()
    {
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { BasicAuth = (User, Password) });
        WriteDockerConfig("{\"auths\":{\"" + registry.Host + "\":{\"auth\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:not-it")) + "\"}}}");
        using var transport = new RegistryTransport(new RegistryTransportOptions { Credentials = CredentialChain.CreateDefault(Env) });

        var error = await Assert.ThrowsAsync<RegistryException>(() => transport.CreateClient(registry.Host).GetManifestAsync("private", "1", CancellationToken.None));

        Assert.StartsWith($"credentials from ~/.docker/config.json were refused by {registry.Host}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"run 'dotnet image login {registry.Host}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginThenPushAndPullThenLogout()
    {
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { BasicAuth = (User, Password) });
        variables["DOCKER_CONFIG"] = home.Combine("docker-config");
        WriteDockerConfig("""{"psFormat":"keep me"}""", variables["DOCKER_CONFIG"]!);

        var refused = await RunCliAsync("wrong-password\n", "login", registry.Host, "-u", User, "--password-stdin");
        var login = await RunCliAsync(Password + "\n", "login", registry.Host, "-u", User, "--password-stdin");
        var configPath = Path.Combine(variables["DOCKER_CONFIG"]!, "config.json");
        var stored = await File.ReadAllTextAsync(configPath);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains($"login to {registry.Host} failed", refused.StandardError, StringComparison.Ordinal);
        Assert.True(login.ExitCode == 0, login.Describe());
        Assert.Equal("Login Succeeded\n", login.StandardOutput);
        Assert.Contains("keep me", stored, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")), stored, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(configPath));

        using (var transport = new RegistryTransport(new RegistryTransportOptions { Credentials = CredentialChain.CreateDefault(Env) }))
        {
            var image = TestImage.Create(layers: 2);
            await image.PushAsync(transport.CreateClient(registry.Host), "after-login", "1");
            var pulled = new MemoryBlobStore();
            var manifest = await transport.CreateClient(registry.Host).GetManifestAsync("after-login", "1", CancellationToken.None);
            await new Content.ContentCopier(transport.CreateClient(registry.Host).Repository("after-login"), pulled).CopyAsync(manifest.ToDescriptor(), cancellationToken: CancellationToken.None);
            Assert.Equal(image.Blobs.Digests.Select(d => d.ToString()).Order(), pulled.Digests.Select(d => d.ToString()).Order());
        }

        var logout = await RunCliAsync(string.Empty, "logout", registry.Host);
        Assert.Equal($"Removing login credentials for {registry.Host}\n", logout.StandardOutput);
        Assert.DoesNotContain(registry.Host, await File.ReadAllTextAsync(configPath), StringComparison.Ordinal);
        Assert.Contains("keep me", await File.ReadAllTextAsync(configPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginWithPasswordOnTheCommandLineWarnsAsDockerDoesAndNeverPrintsIt()
    {
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { BasicAuth = (User, Password) });
        variables["DOCKER_CONFIG"] = home.Combine("docker-config");
        const string Wrong = "wrong-password-on-the-command-line";

        var refused = await RunCliAsync(string.Empty, "login", registry.Host, "-u", User, "-p", Wrong);
        var both = await RunCliAsync(Password + "\n", "login", registry.Host, "-u", User, "--password", Password, "--password-stdin");
        var login = await RunCliAsync(string.Empty, "login", registry.Host, "-u", User, "--password", Password);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"login to {registry.Host} failed", refused.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, refused.StandardOutput + refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Equal("error: --password and --password-stdin are mutually exclusive: give the password one way\n", both.StandardError);
        Assert.True(login.ExitCode == 0, login.Describe());
        Assert.Equal("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n", login.StandardError);
        Assert.Equal("Login Succeeded\n", login.StandardOutput);
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")),
            await File.ReadAllTextAsync(Path.Combine(variables["DOCKER_CONFIG"]!, "config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsRegistryIsTrustedThroughTheCaFileAndRefusedWithoutIt()
    {
        await using var registry = await RegistryFixture.StartAsync(new RegistryFixtureOptions { Tls = true });
        var image = TestImage.Create(layers: 1);
        using (var trusted = new RegistryTransport(new RegistryTransportOptions { TrustedRoots = TrustedCertificates.Prepare([registry.CaCertificatePath], _ => null) }))
        {
            await image.PushAsync(trusted.CreateClient(registry.Host), "tls", "1");
        }

        using var untrusted = new RegistryTransport();
        var error = await Assert.ThrowsAsync<RegistryException>(() => untrusted.CreateClient(registry.Host).GetManifestAsync("tls", "1", CancellationToken.None));
        using var insecure = new RegistryTransport(new RegistryTransportOptions { InsecureRegistries = InsecureRegistryList.Parse([registry.Host]) });
        var viaInsecure = await insecure.CreateClient(registry.Host).GetManifestAsync("tls", "1", CancellationToken.None);

        Assert.StartsWith($"cannot reach registry {registry.Host}: TLS verification failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("--ca-file", error.Message, StringComparison.Ordinal);
        Assert.Contains($"--insecure-registry {registry.Host}", error.Message, StringComparison.Ordinal);
        Assert.Equal(image.ManifestBytes, viaInsecure.Bytes);
        Assert.DoesNotContain(registry.Requests(), r => r.Status == 400);
    }

    private string? Env(string name) => variables.TryGetValue(name, out var value) ? value : null;

    private void WriteDockerConfig(string json, string? directory = null)
    {
        var path = directory is null ? DockerConfigPath : Path.Combine(directory, "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
    }

    private void WriteHelper(string name, string body)
    {
        var path = home.Combine("docker-credential-" + name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    // ProcessRunner closes standard input at once; login reads its password from it.
    private async Task<ProcessResult> RunCliAsync(string input, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(CliRunner.ToolPath) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--store", home.Combine("store"), .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in variables)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(CliRunner.ToolPath, arguments, process.ExitCode, await output, await error);
    }
}

using System.Security.Cryptography;
using System.Text;
using ImageBuild.Daemon;
using ImageBuild.Errors;
using ImageBuild.Tests.Infrastructure;

namespace ImageBuild.Tests.Daemon;

/// <summary>The daemon endpoint is found as the docker CLI finds it (and podman's Docker-compatible setup), from a given environment and files.</summary>
public sealed class DaemonEndpointsTests : IDisposable
{
    private readonly TempDirectory config = new();
    private readonly Dictionary<string, string?> environment = new();
    private readonly HashSet<string> existing = [];

    public DaemonEndpointsTests()
    {
        environment["DOCKER_CONFIG"] = config.Path;
        environment["HOME"] = "/home/user";
    }

    public void Dispose() => config.Dispose();

    [Fact]
    public void Nothing_set_is_the_default_docker_socket()
    {
        var endpoint = Resolve(null);

        Assert.Equal(DaemonKind.Docker, endpoint.Kind);
        Assert.Equal("unix:///var/run/docker.sock", endpoint.Display);
        Assert.Equal("/var/run/docker.sock", endpoint.SocketPath);
    }

    [Fact]
    public void Docker_host_names_a_unix_socket()
    {
        environment["DOCKER_HOST"] = "unix:///run/user/1000/docker.sock";

        var endpoint = Resolve(null);

        Assert.Equal("/run/user/1000/docker.sock", endpoint.SocketPath);
        Assert.Equal("DOCKER_HOST", endpoint.Origin);
        Assert.False(endpoint.UsesTls);
    }

    [Theory]
    [InlineData("tcp://10.0.0.5:2376", null, "tcp://10.0.0.5:2376/", false)]
    [InlineData("tcp://10.0.0.5", null, "tcp://10.0.0.5:2375/", false)]
    [InlineData("tcp://10.0.0.5", "1", "tcp://10.0.0.5:2376/", true)]
    public void Docker_host_names_a_tcp_address_with_tls_when_docker_tls_verify_is_set(string host, string? verify, string expected, bool tls)
    {
        environment["DOCKER_HOST"] = host;
        environment["DOCKER_TLS_VERIFY"] = verify;
        environment["DOCKER_CERT_PATH"] = "/certs";

        var endpoint = Resolve(null);

        Assert.Equal(expected, endpoint.Uri!.ToString());
        Assert.Equal(tls ? "/certs" : null, endpoint.TlsDirectory);
    }

    [Fact]
    public void Tls_without_a_cert_path_uses_the_docker_config_folder()
    {
        environment["DOCKER_HOST"] = "tcp://10.0.0.5:2376";
        environment["DOCKER_TLS_VERIFY"] = "1";

        Assert.Equal(config.Path, Resolve(null).TlsDirectory);
    }

    [Fact]
    public void Docker_context_wins_over_docker_host_and_names_the_contexts_endpoint_and_tls_files()
    {
        WriteContext("remote", "tcp://build.example:2376", withTls: true);
        environment["DOCKER_CONTEXT"] = "remote";
        environment["DOCKER_HOST"] = "unix:///ignored.sock";

        var endpoint = Resolve(null);

        Assert.Equal("tcp://build.example:2376/", endpoint.Uri!.ToString());
        Assert.Equal("docker context 'remote'", endpoint.Origin);
        Assert.Equal(Path.Combine(config.Path, "contexts", "tls", Hash("remote"), "docker"), endpoint.TlsDirectory);
    }

    [Fact]
    public void Docker_host_wins_over_the_current_context_of_config_json()
    {
        WriteContext("colima", "unix:///home/user/.colima/docker.sock", withTls: false);
        File.WriteAllText(Path.Combine(config.Path, "config.json"), """{"currentContext":"colima"}""");
        existing.Add(Path.Combine(config.Path, "config.json"));

        Assert.Equal("/home/user/.colima/docker.sock", Resolve(null).SocketPath);

        environment["DOCKER_HOST"] = "unix:///tmp/other.sock";
        Assert.Equal("/tmp/other.sock", Resolve(null).SocketPath);
    }

    [Fact]
    public void The_default_context_is_docker_host_or_the_default_socket()
    {
        environment["DOCKER_CONTEXT"] = "default";

        Assert.Equal("/var/run/docker.sock", Resolve(null).SocketPath);
    }

    [Fact]
    public void A_missing_context_is_an_error_naming_it_and_the_fix()
    {
        environment["DOCKER_CONTEXT"] = "gone";

        var error = Assert.Throws<InvalidInputException>(() => Resolve(null));

        Assert.StartsWith("docker context 'gone' (from DOCKER_CONTEXT) does not exist", error.Message);
        Assert.Contains("docker context ls", error.Message);
    }

    [Fact]
    public void An_ssh_endpoint_is_refused_with_the_socket_forwarding_fix()
    {
        environment["DOCKER_HOST"] = "ssh://me@host";

        var error = Assert.Throws<InvalidInputException>(() => Resolve(null));

        Assert.Contains("ssh -NL", error.Message);
    }

    [Fact]
    public void Podman_takes_container_host_then_its_rootless_socket_then_the_root_socket()
    {
        environment["XDG_RUNTIME_DIR"] = "/run/user/1000";
        existing.Add("/run/user/1000/podman/podman.sock");
        existing.Add("/run/podman/podman.sock");
        Assert.Equal("/run/user/1000/podman/podman.sock", Resolve(DaemonKind.Podman).SocketPath);

        existing.Remove("/run/user/1000/podman/podman.sock");
        Assert.Equal("/run/podman/podman.sock", Resolve(DaemonKind.Podman).SocketPath);

        environment["CONTAINER_HOST"] = "unix:///tmp/podman.sock";
        var endpoint = Resolve(DaemonKind.Podman);
        Assert.Equal("/tmp/podman.sock", endpoint.SocketPath);
        Assert.Equal("Podman", endpoint.EngineName);
    }

    [Fact]
    public void Podman_without_a_socket_but_with_the_command_uses_the_command()
    {
        environment["PATH"] = "/usr/local/bin:/usr/bin";
        existing.Add("/usr/bin/podman");

        var endpoint = Resolve(DaemonKind.Podman);

        Assert.Null(endpoint.Uri);
        Assert.Equal("the podman command", endpoint.Display);
    }

    [Fact]
    public void With_no_kind_asked_for_container_host_or_a_lone_podman_socket_means_podman()
    {
        environment["CONTAINER_HOST"] = "unix:///tmp/podman.sock";
        Assert.Equal(DaemonKind.Podman, Resolve(null).Kind);

        environment["CONTAINER_HOST"] = null;
        existing.Add("/run/podman/podman.sock");
        Assert.Equal(DaemonKind.Podman, Resolve(null).Kind);

        existing.Add("/var/run/docker.sock");
        Assert.Equal(DaemonKind.Docker, Resolve(null).Kind);
    }

    private DaemonEndpoint Resolve(DaemonKind? kind) =>
        new DaemonEndpoints(name => environment.GetValueOrDefault(name), existing.Contains).Resolve(kind);

    private void WriteContext(string name, string host, bool withTls)
    {
        var meta = Path.Combine(config.Path, "contexts", "meta", Hash(name));
        Directory.CreateDirectory(meta);
        var file = Path.Combine(meta, "meta.json");
        File.WriteAllText(file, "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        existing.Add(file);
        if (withTls)
        {
            existing.Add(Path.Combine(config.Path, "contexts", "tls", Hash(name), "docker", "ca.pem"));
        }
    }

    private static string Hash(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}

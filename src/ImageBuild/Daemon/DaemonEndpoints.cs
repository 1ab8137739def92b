using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageBuild.Errors;

namespace ImageBuild.Daemon;

/// <summary>
/// Finds the daemon endpoint as the docker CLI (and podman's Docker-compatible setup) do. Docker: a non-empty
/// <c>DOCKER_CONTEXT</c>, else <c>DOCKER_HOST</c> (with <c>DOCKER_TLS_VERIFY</c>/<c>DOCKER_CERT_PATH</c> for TCP), else
/// <c>currentContext</c> in <c>$DOCKER_CONFIG/config.json</c>, else <c>unix:///var/run/docker.sock</c>; a context's
/// endpoint and TLS files are read from <c>contexts/meta</c> and <c>contexts/tls</c> there. Podman: <c>CONTAINER_HOST</c>,
/// else the rootless socket <c>$XDG_RUNTIME_DIR/podman/podman.sock</c>, else <c>/run/podman/podman.sock</c>, else the
/// podman command when it is installed. With no kind asked for, the one the environment points at: Docker's
/// settings first, then <c>CONTAINER_HOST</c>, then whichever socket exists, else Docker's default.
/// </summary>
public sealed class DaemonEndpoints(Func<string, string?> environment, Func<string, bool> fileExists)
{
    public const string DefaultDockerSocket = "/var/run/docker.sock";
    public const string RootPodmanSocket = "/run/podman/podman.sock";

    public static DaemonEndpoints FromProcess() => new(Environment.GetEnvironmentVariable, File.Exists);

    /// <summary>The endpoint of <paramref name="kind"/>, or of the daemon the environment points at when null.</summary>
    public DaemonEndpoint Resolve(DaemonKind? kind) => (kind ?? Guess()) == DaemonKind.Podman ? Podman() : Docker();

    private DaemonKind Guess()
    {
        if (Set("DOCKER_CONTEXT") || Set("DOCKER_HOST"))
        {
            return DaemonKind.Docker;
        }

        if (Set("CONTAINER_HOST"))
        {
            return DaemonKind.Podman;
        }

        if (CurrentContext() is not null || fileExists(DefaultDockerSocket))
        {
            return DaemonKind.Docker;
        }

        return PodmanSockets().Any(fileExists) ? DaemonKind.Podman : DaemonKind.Docker;
    }

    private DaemonEndpoint Docker()
    {
        if (environment("DOCKER_CONTEXT") is { Length: > 0 } context)
        {
            return Context(context, "DOCKER_CONTEXT");
        }

        if (environment("DOCKER_HOST") is { Length: > 0 } host)
        {
            return FromHostVariable(host);
        }

        return CurrentContext() is { } current
            ? Context(current, $"currentContext in {ConfigFile()}")
            : new DaemonEndpoint(DaemonKind.Docker, new Uri("unix://" + DefaultDockerSocket), "the default socket");
    }

    private DaemonEndpoint Podman()
    {
        if (environment("CONTAINER_HOST") is { Length: > 0 } host)
        {
            return new DaemonEndpoint(DaemonKind.Podman, ParseHost(host, "CONTAINER_HOST", tls: false), "CONTAINER_HOST");
        }

        var sockets = PodmanSockets();
        if (sockets.FirstOrDefault(fileExists) is { } socket)
        {
            return new DaemonEndpoint(DaemonKind.Podman, new Uri("unix://" + socket), "podman's API socket");
        }

        return FindOnPath("podman") is not null
            ? new DaemonEndpoint(DaemonKind.Podman, null, "podman on PATH (no API socket)")
            : new DaemonEndpoint(DaemonKind.Podman, new Uri("unix://" + sockets[0]), "podman's API socket");
    }

    private DaemonEndpoint FromHostVariable(string host)
    {
        var tls = Set("DOCKER_TLS_VERIFY") || Set("DOCKER_TLS");
        var uri = ParseHost(host, "DOCKER_HOST", tls);
        var tlsDirectory = tls && uri.Scheme == "tcp"
            ? environment("DOCKER_CERT_PATH") is { Length: > 0 } certs ? certs : ConfigDirectory()
            : null;
        return new DaemonEndpoint(DaemonKind.Docker, uri, "DOCKER_HOST", tlsDirectory);
    }

    /// <summary>The endpoint a docker context names; "default" is DOCKER_HOST or the default socket, as in the docker CLI.</summary>
    private DaemonEndpoint Context(string name, string origin)
    {
        if (name == "default")
        {
            return environment("DOCKER_HOST") is { Length: > 0 } dockerHost
                ? FromHostVariable(dockerHost)
                : new DaemonEndpoint(DaemonKind.Docker, new Uri("unix://" + DefaultDockerSocket), "the default socket");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        var meta = Path.Combine(ConfigDirectory(), "contexts", "meta", hash, "meta.json");
        if (!fileExists(meta))
        {
            throw new InvalidInputException($"docker context '{name}' (from {origin}) does not exist: there is no {meta}; list contexts with 'docker context ls', or choose another");
        }

        string? host;
        var skipVerify = false;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(meta));
            var docker = document.RootElement.TryGetProperty("Endpoints", out var endpoints) && endpoints.TryGetProperty("docker", out var d) ? d : default;
            host = docker.ValueKind == JsonValueKind.Object && docker.TryGetProperty("Host", out var h) ? h.GetString() : null;
            skipVerify = docker.ValueKind == JsonValueKind.Object && docker.TryGetProperty("SkipTLSVerify", out var s) && s.ValueKind == JsonValueKind.True;
        }
        catch (JsonException ex)
        {
            throw new ImageBuildException($"docker context '{name}' is unreadable: {meta} is not valid JSON ({ex.Message}); recreate the context");
        }

        if (string.IsNullOrEmpty(host))
        {
            throw new ImageBuildException($"docker context '{name}' names no Docker endpoint (Endpoints.docker.Host in {meta}); recreate the context with --docker host=...");
        }

        var tlsDirectory = Path.Combine(ConfigDirectory(), "contexts", "tls", hash, "docker");
        var tls = !skipVerify && fileExists(Path.Combine(tlsDirectory, "ca.pem"));
        var uri = ParseHost(host, $"docker context '{name}'", tls);
        return new DaemonEndpoint(DaemonKind.Docker, uri, $"docker context '{name}'", tls && uri.Scheme == "tcp" ? tlsDirectory : null);
    }

    private static Uri ParseHost(string host, string origin, bool tls)
    {
        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri))
        {
            throw new InvalidInputException($"{origin} \"{host}\" is not an address: use unix:///path/to/docker.sock or tcp://HOST:PORT");
        }

        return uri.Scheme switch
        {
            "unix" => uri,
            "tcp" or "http" or "https" => new UriBuilder("tcp", uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 2376 : 2375) : uri.Port).Uri,
            "ssh" => throw new InvalidInputException(
                $"{origin} \"{host}\" is an ssh:// endpoint, which is not supported: forward the remote socket (ssh -NL /tmp/docker.sock:/var/run/docker.sock HOST) and use unix:///tmp/docker.sock"),
            _ => throw new InvalidInputException($"{origin} \"{host}\" has the unsupported scheme {uri.Scheme}://: use unix:// or tcp://"),
        };
    }

    private string? CurrentContext()
    {
        var file = ConfigFile();
        if (!fileExists(file))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("currentContext", out var current)
                && current.GetString() is { Length: > 0 } name && name != "default"
                ? name
                : null;
        }
        catch (JsonException ex)
        {
            throw new ImageBuildException($"{file} is not valid JSON ({ex.Message}); fix or remove it");
        }
    }

    private IReadOnlyList<string> PodmanSockets()
    {
        var runtime = environment("XDG_RUNTIME_DIR") is { Length: > 0 } directory ? directory : null;
        return runtime is null ? [RootPodmanSocket] : [Path.Combine(runtime, "podman", "podman.sock"), RootPodmanSocket];
    }

    /// <summary>The podman command on PATH, or null.</summary>
    public string? FindOnPath(string command) =>
        (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(fileExists);

    private string ConfigDirectory() =>
        environment("DOCKER_CONFIG") is { Length: > 0 } directory
            ? directory
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    private string ConfigFile() => Path.Combine(ConfigDirectory(), "config.json");

    private bool Set(string name) => environment(name) is { Length: > 0 };
}

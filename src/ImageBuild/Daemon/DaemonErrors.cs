using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Docker.DotNet;
using ImageBuild.Errors;

namespace ImageBuild.Daemon;

/// <summary>
/// Turns what goes wrong between us and a daemon into one line naming the endpoint, the problem and the fix: a daemon
/// that is down, a socket we may not open, a TLS failure, a missing image, a full disk on the daemon's side.
/// </summary>
public static class DaemonErrors
{
    /// <summary>The one-line failure for <paramref name="exception"/>; null when it is not a daemon failure (a bug, a cancellation).</summary>
    public static ImageBuildException? Describe(Exception exception, DaemonEndpoint endpoint, string? image)
    {
        var daemon = $"the {endpoint.EngineName} daemon at {endpoint.Display}";
        switch (exception)
        {
            case ImageBuildException:
                return null;
            case DockerImageNotFoundException or DockerApiException { StatusCode: HttpStatusCode.NotFound } when image is not null:
                return new DaemonImageMissingException(
                    $"no image {image} in {daemon}: check the name with '{Command(endpoint)} image ls', or pull or build it there first");
            case DockerApiException api:
                var said = DaemonMessage(api.ResponseBody);
                return IsDiskFull(said)
                    ? DiskFull(endpoint, said)
                    : new ImageBuildException($"{daemon} answered {(int)api.StatusCode} {api.StatusCode}: {said}");
            case TimeoutException:
                return Unreachable(endpoint, "it did not answer in time");
        }

        if (Find<AuthenticationException>(exception) is { } tls)
        {
            return new ImageBuildException(
                $"TLS to {daemon} ({endpoint.Origin}) failed ({OneLine(tls.Message)}): check that ca.pem in {endpoint.TlsDirectory} signed the daemon's certificate and cert.pem/key.pem are the client's");
        }

        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.AccessDenied when endpoint.SocketPath is { } path => new ImageBuildException(
                    $"permission denied on {path}, the socket of {daemon} ({endpoint.Origin}): " +
                    (endpoint.Kind == DaemonKind.Docker
                        ? "add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or use a rootless daemon"
                        : "use your own rootless podman socket ($XDG_RUNTIME_DIR/podman/podman.sock), or run as the socket's owner")),
                SocketError.ConnectionRefused => Unreachable(endpoint, "connection refused"),
                SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported when endpoint.SocketPath is { } path && !File.Exists(path) =>
                    Unreachable(endpoint, "the socket does not exist"),
                SocketError.HostNotFound or SocketError.TryAgain => Unreachable(endpoint, "the host name does not resolve"),
                SocketError.TimedOut => Unreachable(endpoint, "the connection timed out"),
                _ => Unreachable(endpoint, OneLine(socket.Message)),
            };
        }

        return exception is HttpRequestException or IOException && exception is not FileNotFoundException
            ? new ImageBuildException($"the connection to {daemon} failed ({OneLine(exception.Message)}): check that the daemon is healthy and try again")
            : null;
    }

    /// <summary>The failure a load reported in its message stream.</summary>
    public static ImageBuildException LoadFailed(string message, DaemonEndpoint endpoint) =>
        IsDiskFull(message)
            ? DiskFull(endpoint, message)
            : new ImageBuildException($"the {endpoint.EngineName} daemon at {endpoint.Display} refused the image: {OneLine(message)}");

    /// <summary>The daemon does not answer; the fix depends on which daemon it is.</summary>
    public static ImageBuildException Unreachable(DaemonEndpoint endpoint, string why)
    {
        var fix = endpoint.Kind == DaemonKind.Docker
            ? "start it (sudo systemctl start docker), or point DOCKER_HOST or DOCKER_CONTEXT at a running daemon"
            : "start its API socket (systemctl --user start podman.socket, or podman system service --time=0 &), or point CONTAINER_HOST at one";
        return new DaemonUnreachableException($"cannot reach the {endpoint.EngineName} daemon at {endpoint.Display} ({endpoint.Origin}): {why}; {fix}");
    }

    private static ImageBuildException DiskFull(DaemonEndpoint endpoint, string said) =>
        new($"the {endpoint.EngineName} daemon at {endpoint.Display} ran out of disk space loading the image ({OneLine(said)}): free space where it keeps images ('{Command(endpoint)} system prune') and try again");

    private static bool IsDiskFull(string message) =>
        message.Contains("no space left on device", StringComparison.OrdinalIgnoreCase) || message.Contains("disk quota exceeded", StringComparison.OrdinalIgnoreCase);

    /// <summary>The "message" of the daemon's JSON error body, or the body itself.</summary>
    private static string DaemonMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "no details";
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.GetString() is { Length: > 0 } text)
            {
                return OneLine(text);
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return OneLine(body.Length > 300 ? body[..300] : body);
    }

    private static string Command(DaemonEndpoint endpoint) => endpoint.Kind == DaemonKind.Podman ? "podman" : "docker";

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

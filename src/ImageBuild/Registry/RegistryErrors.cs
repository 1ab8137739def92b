using System.Net;
using System.Text.Json;

namespace ImageBuild.Registry;

/// <summary>Turns a failed registry response into a <see cref="RegistryException"/> with a one-line message that names the fix.</summary>
internal static class RegistryErrors
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Reads (a bounded part of) the error body and builds the exception; disposes nothing.</summary>
    public static async Task<RegistryException> FromResponseAsync(HttpResponseMessage response, RegistryCall call, CancellationToken cancellationToken = default)
    {
        var body = await ReadBoundedAsync(response.Content, cancellationToken);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        return Create(
            response.StatusCode, ParseBody(body), call, retryAfter, Http.RegistryRequestOptions.CredentialSourceOf(response.RequestMessage),
            Resilience.RetryHandler.AttemptsOf(response.RequestMessage));
    }

    /// <summary>The errors in a body; empty when it is not the registry error JSON (HTML from a proxy, nothing at all).</summary>
    public static IReadOnlyList<RegistryError> ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(body, RegistryJsonContext.Default.RegistryErrorBody)?.Errors?.Where(e => e is not null).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <param name="credentialSource">Where the credentials the request carried came from; null for an anonymous request.</param>
    /// <param name="attempts">How many times the request was sent; more than one is said in the message.</param>
    public static RegistryException Create(
        HttpStatusCode status, IReadOnlyList<RegistryError> errors, RegistryCall call, TimeSpan? retryAfter = null, string? credentialSource = null, int attempts = 1)
    {
        var code = errors.Count > 0 ? errors[0].Code : null;
        var said = Said(errors);
        var message = (code, status) switch
        {
            ("MANIFEST_UNKNOWN", _) or (null, HttpStatusCode.NotFound) when call.Operation.Contains("manifest", StringComparison.Ordinal) => ManifestUnknown(call),
            ("NAME_UNKNOWN", _) => $"repository {call.RepositoryDisplay} not found: check the name, or push an image to it first",
            ("BLOB_UNKNOWN", _) or (null, HttpStatusCode.NotFound) when call.Operation.Contains("blob", StringComparison.Ordinal) =>
                $"blob {call.Reference} not found in {call.RepositoryDisplay}: the image refers to content the registry does not have",
            ("BLOB_UPLOAD_UNKNOWN", _) or ("BLOB_UPLOAD_INVALID", _) =>
                $"{call.Registry} lost the upload to {call.RepositoryDisplay}{said}: try the push again",
            ("MANIFEST_BLOB_UNKNOWN", _) =>
                $"{call.Registry} refused the manifest for {call.Display}: it names blobs the repository does not have{said}; push the blobs first",
            ("UNAUTHORIZED", _) or (_, HttpStatusCode.Unauthorized) when credentialSource is not null =>
                $"credentials from {credentialSource} were refused by {call.Registry} to {call.Operation} {call.Display}{said}: run 'dotnet image login {call.Registry}'",
            ("UNAUTHORIZED", _) or (_, HttpStatusCode.Unauthorized) =>
                $"{call.Registry} requires authentication to {call.Operation} {call.Display}{said}: give credentials for {call.Registry} with 'dotnet image login {call.Registry}'",
            ("DENIED", _) or (_, HttpStatusCode.Forbidden) when credentialSource is not null =>
                $"{call.Registry} denied access to {call.Display}{said}: the credentials from {credentialSource} lack permission to {call.Operation}; run 'dotnet image login {call.Registry}' as a user who has it",
            ("DENIED", _) or (_, HttpStatusCode.Forbidden) =>
                $"{call.Registry} denied access to {call.Display}{said}: anonymous access may not {call.Operation}; run 'dotnet image login {call.Registry}'",
            ("TOOMANYREQUESTS", _) or (_, HttpStatusCode.TooManyRequests) =>
                $"{call.Registry} is rate-limiting requests{said}: retry " + (retryAfter is { } wait ? $"in {Math.Ceiling(wait.TotalSeconds)} s" : "later"),
            ("UNSUPPORTED", _) or (_, HttpStatusCode.MethodNotAllowed) when call.Operation.StartsWith("delete", StringComparison.Ordinal) =>
                $"{call.Registry} does not allow deletes{said}: enable them on the registry (distribution: storage.delete.enabled: true)",
            ("UNSUPPORTED", _) or (_, HttpStatusCode.MethodNotAllowed) =>
                $"{call.Registry} does not support the request to {call.Operation} {call.Display}{said}",
            ("NAME_INVALID", _) => $"{call.Registry} rejected the repository name {call.Repository}{said}: use lower-case letters, digits and separators",
            _ => $"cannot {call.Operation} {call.Display}: {call.Registry} answered {(int)status} {Describe(status)}" +
                (code is null ? string.Empty : $" {code}") + said,
        };
        return new RegistryException(message + Tried(attempts), status, errors) { RetryAfter = retryAfter };
    }

    /// <summary>The request never got an answer: refused, unresolvable, TLS failure, dropped connection.</summary>
    /// <param name="attempts">How many times the request was sent; more than one is said in the message.</param>
    public static RegistryException Unreachable(Exception exception, RegistryCall call, int attempts = 1)
    {
        var socket = FindInner<System.Net.Sockets.SocketException>(exception);
        var error = (exception as HttpRequestException)?.HttpRequestError;
        var message = (socket?.SocketErrorCode, error) switch
        {
            (System.Net.Sockets.SocketError.ConnectionRefused, _) => $"cannot reach registry {call.Registry}: connection refused; is it running?",
            (System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData, _) or (_, HttpRequestError.NameResolutionError) =>
                $"cannot reach registry {call.Registry}: the host name does not resolve; check the registry name and your network",
            (_, HttpRequestError.SecureConnectionError) =>
                $"cannot reach registry {call.Registry}: TLS verification failed ({OneLine(Innermost(exception).Message)}); give its CA certificate with --ca-file PATH (or SSL_CERT_FILE), or allow it with --insecure-registry {call.Registry}",
            _ => $"cannot {call.Operation} {call.Display}: the connection to {call.Registry} failed ({OneLine(Innermost(exception).Message)})",
        };
        return new RegistryException(message + Tried(attempts), innerException: exception);
    }

    /// <summary>" (tried N times)" after a failure that was retried, so a give-up says how hard it tried.</summary>
    public static string Tried(int attempts) => attempts > 1 ? $" (tried {attempts} times)" : string.Empty;

    private static T? FindInner<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    internal static string ManifestUnknown(RegistryCall call) => call.ReferenceIsDigest
        ? $"manifest {call.Display} not found: the repository has no manifest with that digest"
        : $"manifest for {call.Display} not found: the tag does not exist; list tags with 'dotnet image tags {call.RepositoryDisplay}'";

    /// <summary>The registry's own words, as " (message: detail)", or nothing.</summary>
    private static string Said(IReadOnlyList<RegistryError> errors)
    {
        var parts = errors
            .Select(e => e.Message + (e.Detail is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } detail ? $": {DetailText(detail)}" : string.Empty))
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .ToList();
        return parts.Count == 0 ? string.Empty : $" ({OneLine(string.Join("; ", parts))})";
    }

    private static string DetailText(JsonElement detail) =>
        detail.ValueKind == JsonValueKind.String ? detail.GetString() ?? string.Empty : detail.GetRawText();

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 300 ? line : line[..297] + "...";
    }

    private static string Describe(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.RequestedRangeNotSatisfiable => "Range Not Satisfiable",
        HttpStatusCode.InternalServerError => "Internal Server Error",
        HttpStatusCode.BadGateway => "Bad Gateway",
        HttpStatusCode.ServiceUnavailable => "Service Unavailable",
        _ => status.ToString(),
    };

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }
}

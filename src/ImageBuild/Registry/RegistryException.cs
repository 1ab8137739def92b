using System.Net;
using ImageBuild.Errors;

namespace ImageBuild.Registry;

/// <summary>
/// A registry refused or failed a request, or could not be reached. The message is one line naming the
/// registry, repository and reference, and the fix where there is one; the properties keep the details.
/// </summary>
public class RegistryException : ImageBuildException
{
    public RegistryException(string message, HttpStatusCode? statusCode = null, IReadOnlyList<RegistryError>? errors = null, Exception? innerException = null)
        : base(message, innerException!)
    {
        StatusCode = statusCode;
        Errors = errors ?? [];
    }

    /// <summary>The HTTP status, or null when there was no response (connection refused, TLS failure).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The errors from the body; empty when the registry sent none.</summary>
    public IReadOnlyList<RegistryError> Errors { get; }

    /// <summary>The first error code, such as <c>MANIFEST_UNKNOWN</c> or <c>DENIED</c>, or null.</summary>
    public string? ErrorCode => Errors.Count > 0 ? Errors[0].Code : null;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>How long the registry asked to wait (<c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The client itself refused to send the request (the origin policy: plain HTTP or credentials where they may not
    /// go). There was no answer, yet trying again would only be refused again.
    /// </summary>
    public bool RefusedByPolicy { get; init; }

    /// <summary>
    /// A failure the registry or the network may not repeat: no answer at all, a timeout, rate limiting, a server
    /// error. Steps the transport cannot replay (uploads) are tried again on these.
    /// </summary>
    public bool IsTransient => !RefusedByPolicy && StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}

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
}

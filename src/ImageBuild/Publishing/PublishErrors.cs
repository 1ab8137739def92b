using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using ImageBuild.Building;
using ImageBuild.Daemon;
using ImageBuild.Errors;
using ImageBuild.IO;
using ImageBuild.Registry;

namespace ImageBuild.Publishing;

/// <summary>
/// The one MSBuild error a failure becomes: a code users can search for, and the message (which names the
/// reference concerned and the fix). Exceptions never escape the task, so MSBuild never prints MSB4018.
/// </summary>
internal static class PublishErrors
{
    public const string InvalidProperty = "IMG0001";
    public const string NotFound = "IMG0002";
    public const string RegistryFailure = "IMG0003";
    public const string Unauthorized = "IMG0004";
    public const string Unreachable = "IMG0005";
    public const string FileSystem = "IMG0006";
    public const string Failed = "IMG0007";
    public const string DaemonUnavailable = "IMG0008";
    public const string Unexpected = "IMG0099";

    /// <param name="storePath">The local store the task used, so a failing path there is called "the store at PATH".</param>
    /// <param name="baseInferred">True when ContainerBaseImage was empty and the base was inferred from the project.</param>
    public static (string Code, string Message) Describe(Exception exception, string subject, string? storePath = null, bool baseInferred = false)
    {
        var root = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        return root switch
        {
            InvalidInputException e => (InvalidProperty, e.Message),
            BaseImageUnreachableException e => (Unreachable, baseInferred
                ? $"cannot read the base image {e.BaseImage}, inferred from the project: {e.Reason}; set ContainerBaseImage to an image you have (a store image, docker-daemon:NAME, oci:DIR:REF) or ContainerBaseRegistry to a reachable mirror"
                : $"cannot read the base image {e.BaseImage} (ContainerBaseImage): {e.Reason}; point ContainerBaseImage at an image you can reach, or ContainerBaseRegistry at a mirror"),
            RegistryException { StatusCode: null } e =>
                (Unreachable, $"{subject}: {e.Message}; check ContainerRegistry, the network and TLS settings"),
            DaemonUnreachableException e =>
                (DaemonUnavailable, $"{subject}: {e.Message}; or drop LocalRegistry/ContainerImageOutput to keep the image in the store only"),
            NotFoundException e => (NotFound, e.Message.Contains(';', StringComparison.Ordinal)
                ? $"{subject}: {e.Message}"
                : $"{subject}: {e.Message}; set ContainerBaseImage to an image in the store ('dotnet image ls'), oci:DIR:REF, or pull it first with 'dotnet image pull'"),
            RegistryException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } e =>
                (Unauthorized, $"{e.Message} (check the credentials for this registry)"),
            RegistryException e => (RegistryFailure, e.Message),
            ImageBuildException e when e.InnerException is HttpRequestException or SocketException or AuthenticationException =>
                (Unreachable, e.Message),
            ImageBuildException e => (Failed, e.Message),
            HttpRequestException or SocketException or AuthenticationException =>
                (Unreachable, $"{subject}: cannot reach the registry ({OneLine(root.Message)}); check ContainerRegistry, the network and TLS settings"),
            IOException or UnauthorizedAccessException when FileSystemFailure.From(root) is { } failure =>
                (FileSystem, $"{subject}: {failure.Describe(storePath)}"),
            OperationCanceledException => (Failed, $"{subject}: cancelled"),
            _ => (Unexpected, $"{subject}: {UnexpectedFailure.Describe(root, storePath, "publish again with -v:d")}"),
        };
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

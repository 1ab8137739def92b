namespace ImageBuild.Publishing;

/// <summary>
/// One line the native tool writes while it runs a <see cref="PublishJob"/>: exactly one member is set. Detail and
/// warnings stream as they happen; the last line is the result or the failure.
/// </summary>
internal sealed record PublishMessage
{
    /// <summary>A low-importance line (request logs, -v:d).</summary>
    public string? Detail { get; init; }

    /// <summary>A warning for the build log (a registry's deprecation notice, a retried failure).</summary>
    public string? Warning { get; init; }

    public PublishedImage? Result { get; init; }

    public PublishFailure? Failure { get; init; }
}

namespace ImageBuild.Registry.Resilience;

/// <summary>How hard <see cref="RetryHandler"/> tries before giving a failure to the caller.</summary>
public sealed record RetryOptions
{
    public static RetryOptions Default { get; } = new();

    /// <summary>
    /// Retries after the first attempt (<c>--retries</c>, <c>ContainerRetries</c>): of each request the transport can
    /// replay, and of each blob upload, download or manifest read the client tries again itself.
    /// </summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first backoff; each next one doubles, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest single wait, for backoff and for a registry's <c>Retry-After</c>.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>No retry starts after this much time has passed since the first attempt.</summary>
    public TimeSpan MaxTotalTime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one attempt may wait for the response headers (a stalled registry): of a request the transport
    /// replays, and of an upload once its last byte went out. A body that stalls is the transport's read timeout
    /// (<see cref="RegistryTransportOptions.BodyReadTimeout"/>).
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

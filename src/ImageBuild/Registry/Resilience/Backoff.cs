namespace ImageBuild.Registry.Resilience;

/// <summary>
/// The waits between attempts of a step the transport cannot replay (a blob upload, a resumed download), with the
/// same shape as <see cref="RetryHandler"/>'s: exponential from <see cref="RetryOptions.BaseDelay"/> with jitter,
/// capped at <see cref="RetryOptions.MaxDelay"/>, and the registry's <c>Retry-After</c> when it sent one.
/// </summary>
public static class Backoff
{
    /// <summary>The wait before retry number <paramref name="retry"/> (0 for the first), or null when <paramref name="retryAfter"/> is longer than the options allow.</summary>
    public static TimeSpan? DelayBefore(RetryOptions options, int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked <= options.MaxDelay ? asked : null;
        }

        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);

        // Full jitter on the upper half keeps many clients that failed together from retrying together.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    /// <summary>Waits <paramref name="delay"/> on the options' clock.</summary>
    public static Task WaitAsync(RetryOptions options, TimeSpan delay, CancellationToken cancellationToken = default) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, options.TimeProvider, cancellationToken);
}

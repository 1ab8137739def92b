using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ImageBuild.Registry.Resilience;

/// <summary>
/// Retries what a registry or the network may fix by itself: connection failures, stalls, 408, 429
/// (waiting as long as <c>Retry-After</c> says, when that fits the budget), 500, 502, 503 and 504, with
/// exponential backoff and jitter, bounded in count and total time. Only requests whose body can be sent
/// again are retried: bodiless ones and buffered ones (manifests, token forms); an answer the client reads whole
/// (<see cref="Http.RegistryRequestOptions.ReadWhole"/>) is read within the attempt, so its stalled body is retried
/// too. A streamed upload is left to
/// the upload code, which resumes chunks and restarts sessions itself. Belongs in
/// <see cref="RegistryTransportOptions.AdditionalHandlers"/>, outside authentication, so each attempt is
/// authorized afresh.
/// </summary>
public sealed class RetryHandler : DelegatingHandler
{
    private static readonly HttpStatusCode[] Transient =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private static readonly ResiliencePropertyKey<long> StartedAt = new("ImageBuild.Retry.StartedAt");
    private static readonly HttpRequestOptionsKey<int> Attempts = new("ImageBuild.Retry.Attempts");

    private readonly RetryOptions options;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private int retries;

    public RetryHandler(RetryOptions? options = null)
    {
        this.options = options ?? RetryOptions.Default;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = this.options.TimeProvider };
        if (this.options.MaxRetries > 0)
        {
            // Polly wants at least one retry; with none asked for, each attempt is only bounded in time.
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = this.options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = this.options.BaseDelay,
                MaxDelay = this.options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome)),
                OnRetry = args =>
                {
                    // The failed answer is replaced by the next attempt's; its connection goes back to the pool.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        pipeline = builder.AddTimeout(this.options.AttemptTimeout).Build();
    }

    /// <summary>Attempts made beyond the first, over the handler's life; tests and --verbose read it.</summary>
    public int RetriesMade => retries;

    /// <summary>How many times <paramref name="request"/> was sent, so a failure can say how hard it was tried.</summary>
    public static int AttemptsOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Attempts, out var attempts) ? attempts : 1;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        if (!IsReplayable(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, options.TimeProvider.GetTimestamp());
        try
        {
            var attempt = 0;
            return await pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    if (attempt++ > 0)
                    {
                        Interlocked.Increment(ref retries);
                    }

                    state.Options.Set(Attempts, attempt);

                    var response = await base.SendAsync(state, ctx.CancellationToken);
                    if (state.Options.TryGetValue(Http.RegistryRequestOptions.ReadWhole, out var limit))
                    {
                        // Read here, not after every handler as HttpClient would: a body that stalls or breaks is
                        // then a failed attempt this pipeline retries. HttpClient finds it buffered and reads no more.
                        try
                        {
                            await response.Content.LoadIntoBufferAsync(limit, ctx.CancellationToken);
                        }
                        catch
                        {
                            response.Dispose();
                            throw;
                        }
                    }

                    return response;
                },
                context,
                request);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new HttpRequestException($"no response within {options.AttemptTimeout.TotalSeconds:0} s", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsReplayable(HttpRequestMessage request) =>
        request.Content is null or ByteArrayContent or ReadOnlyMemoryContent;

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested || OutOfTime(context, RetryAfter(outcome) ?? TimeSpan.Zero))
        {
            return false;
        }

        return outcome.Exception switch
        {
            null => Transient.Contains(outcome.Result!.StatusCode) && (RetryAfter(outcome) is not { } wait || wait <= options.MaxDelay),
            TimeoutRejectedException or IOException => true,
            HttpRequestException http => http.HttpRequestError is not (HttpRequestError.SecureConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.ConfigurationLimitExceeded),
            _ => false,
        };
    }

    private bool OutOfTime(ResilienceContext context, TimeSpan nextWait) =>
        context.Properties.TryGetValue(StartedAt, out var started)
        && options.TimeProvider.GetElapsedTime(started) + nextWait > options.MaxTotalTime;

    private static TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome)
    {
        var header = outcome.Result?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null);
        return wait is { } w && w >= TimeSpan.Zero ? w : null;
    }
}

using ImageBuild.Daemon;
using ImageBuild.Errors;
using ImageBuild.Registry;
using ImageBuild.Registry.Resilience;

namespace ImageBuild.Publishing;

/// <summary>
/// Runs a <see cref="PublishJob"/> to its end: the plan from the request, the build and its outputs, and every failure
/// turned into one coded error. The task calls it in its own process, and the native tool calls it for the task; both
/// give the same result for the same job.
/// </summary>
internal static class PublishRunner
{
    /// <param name="detail">Receives low-importance lines (request logs when the job is verbose).</param>
    /// <param name="warning">Receives warnings for the build log.</param>
    public static async Task<(PublishedImage? Published, PublishFailure? Failure)> RunAsync(
        PublishJob job, Action<string> detail, Action<string> warning, CancellationToken cancellationToken)
    {
        var request = job.Request;
        var subject = $"image {request.Repository}";
        try
        {
            var plan = ContainerPlanFactory.Create(request);
            subject = $"image {plan.Tags[0]} (base {plan.Base})";
            var settings = new RegistrySettings
            {
                // The same registry settings as dotnet image, so a machine set up for one works for the other.
                Environment = Environment.GetEnvironmentVariable,
                Retry = RetryOptionsFor(job.Retries),
                OnWarning = w => warning($"{w.Registry}: {w.Text}"),
                Log = job.Verbose ? detail : null,
            };
            var published = await new ImagePublisher(job.StorePath, settings.ToTransportOptions(), ImageDaemons.FromProcess())
                .PublishAsync(plan, ContainerOutputs.LoadsDaemonWhenAnswering(request), cancellationToken);
            return (published, null);
        }
        catch (Exception e)
        {
            var (code, message) = PublishErrors.Describe(e, subject, job.StorePath, baseInferred: string.IsNullOrWhiteSpace(request.BaseImage));
            return (null, new PublishFailure(code, message, e.ToString()));
        }
    }

    private static RetryOptions RetryOptionsFor(string? retries) =>
        string.IsNullOrWhiteSpace(retries) ? RetryOptions.Default
        : int.TryParse(retries.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            ? RetryOptions.Default with { MaxRetries = count }
            : throw new InvalidInputException($"ContainerRetries \"{retries}\" is not a number: give how often a failed registry request is tried again, such as 5");
}

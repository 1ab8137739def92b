using System.Text;
using System.Text.Json;
using ImageBuild.Publishing;

namespace ImageBuild.Cli;

/// <summary>
/// <c>dotnet-image publish-job</c>: runs the publish the MSBuild task hands over (see <see cref="PublishProtocol"/>),
/// so a publish runs as native code instead of being JIT-compiled again in every fresh MSBuild process. Not a user
/// command, so not in the command tree or its help: the task and this tool ship in one package and speak a versioned
/// protocol.
/// </summary>
internal static class PublishJobWorker
{
    public static async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var reader = new StreamReader(input, utf8);
        await using var writer = new StreamWriter(output, utf8) { AutoFlush = true };
        var gate = new Lock();
        void Send(PublishMessage message)
        {
            // Detail and warnings come from whichever thread the registry work is on; each line stays whole.
            lock (gate)
            {
                writer.WriteLine(PublishProtocol.Serialize(message));
            }
        }

        PublishJob job;
        try
        {
            job = PublishProtocol.ReadJob(await reader.ReadLineAsync(cancellationToken) ?? throw new JsonException("no job on standard input"));
        }
        catch (JsonException e)
        {
            Send(new PublishMessage { Failure = new PublishFailure(PublishErrors.Unexpected, $"dotnet-image {PublishProtocol.CommandName} cannot read its job ({e.Message}); this command is run by the ImageBuild.Tasks package, not by hand", e.ToString()) });
            return ExitCodes.Failure;
        }

        if (job.Protocol != PublishProtocol.Version)
        {
            Send(new PublishMessage { Failure = new PublishFailure(PublishErrors.Unexpected, $"the ImageBuild.Tasks package is broken: its task speaks publish protocol {job.Protocol} and its dotnet-image {PublishProtocol.Version}; clear it from the NuGet cache and restore again", string.Empty) });
            return ExitCodes.Failure;
        }

        // The task closes standard input to cancel, and so does the end of its process.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = Task.Run(async () =>
        {
            try
            {
                while (await reader.ReadLineAsync(CancellationToken.None) is not null)
                {
                }
            }
            catch (IOException)
            {
            }

            await cancellation.CancelAsync();
        }, CancellationToken.None);

        var (published, failure) = await PublishRunner.RunAsync(
            job, detail => Send(new PublishMessage { Detail = detail }), warning => Send(new PublishMessage { Warning = warning }), cancellation.Token);
        Send(published is not null ? new PublishMessage { Result = published } : new PublishMessage { Failure = failure });
        return published is not null ? ExitCodes.Success : ExitCodes.Failure;
    }
}

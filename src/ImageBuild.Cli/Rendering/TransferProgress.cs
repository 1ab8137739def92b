using ImageBuild.Content;
using ImageBuild.Oci;
using Spectre.Console;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// Shows the layers of a transfer: a live bar per layer when standard error is a terminal, plain docker-style
/// lines (one when a layer is skipped or done) when it is redirected, nothing under --quiet. Only layers are
/// shown, as docker shows them; manifests and configs move silently.
/// </summary>
internal static class TransferProgress
{
    /// <summary>What to print for a layer that reached <see cref="BlobTransferStage.Skipped"/> or <see cref="BlobTransferStage.Completed"/>; null prints nothing.</summary>
    public delegate string? LineFor(Descriptor layer, BlobTransferStage stage);

    public static async Task<T> RunAsync<T>(CommandContext context, LineFor lineFor, Func<IProgress<BlobTransferEvent>?, Task<T>> work)
    {
        if (context.Quiet)
        {
            return await work(null);
        }

        if (Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error))
        {
            var error = TextWriter.Synchronized(context.Error);
            return await work(new CallbackProgress<BlobTransferEvent>(e =>
            {
                if (IsLayer(e.Blob) && e.Stage is BlobTransferStage.Skipped or BlobTransferStage.Completed && lineFor(e.Blob, e.Stage) is { } line)
                {
                    error.WriteLine(line);
                }
            }));
        }

        return await RunLiveAsync(lineFor, work);
    }

    /// <summary>A layer, as opposed to a manifest, an index or a config.</summary>
    public static bool IsLayer(Descriptor descriptor) =>
        !ContentGraph.HasChildren(descriptor) && descriptor.MediaType is not (MediaTypes.OciConfig or MediaTypes.DockerConfig);

    private static async Task<T> RunLiveAsync<T>(LineFor lineFor, Func<IProgress<BlobTransferEvent>?, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var result = default(T)!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new DownloadedColumn())
            .StartAsync(async progress =>
            {
                var tasks = new Dictionary<Digest, ProgressTask>();
                ProgressTask TaskFor(Descriptor layer)
                {
                    lock (tasks)
                    {
                        return tasks.TryGetValue(layer.Digest, out var task)
                            ? task
                            : tasks[layer.Digest] = progress.AddTask(Markup.Escape(layer.Digest.ShortHex), maxValue: Math.Max(1, layer.Size));
                    }
                }

                result = await work(new CallbackProgress<BlobTransferEvent>(e =>
                {
                    if (!IsLayer(e.Blob))
                    {
                        return;
                    }

                    var task = TaskFor(e.Blob);
                    if (e.Stage == BlobTransferStage.Transferring)
                    {
                        task.Value = e.BytesDone;
                        return;
                    }

                    if (e.Stage is BlobTransferStage.Skipped or BlobTransferStage.Completed)
                    {
                        task.Value = task.MaxValue;
                        task.Description = Markup.Escape(lineFor(e.Blob, e.Stage) ?? e.Blob.Digest.ShortHex);
                        task.StopTask();
                    }
                }));
            });
        return result;
    }
}

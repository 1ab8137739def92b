using System.Runtime.InteropServices;
using ImageBuild.Cli;

// Ctrl-C and SIGTERM cancel the command's token, so it stops where it is, removes its temp files and
// writes no tag; the process then exits with "error: cancelled". A second signal ends it at once.
using var cancellation = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
if (args is [ImageBuild.Publishing.PublishProtocol.CommandName])
{
    return await PublishJobWorker.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), cancellation.Token);
}

// Standard output carries template output byte for byte, as docker writes it (see GoTextEncoding).
using var output = new StreamWriter(Console.OpenStandardOutput(), ImageBuild.Templates.Text.GoTextEncoding.Instance) { AutoFlush = true };
return await CliApplication.RunAsync(args, output, Console.Error, cancellation.Token);

void Cancel(PosixSignalContext context)
{
    context.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
}

using System.CommandLine;
using System.Diagnostics;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image publish [PROJECT] [msbuild args]</c>: runs <c>dotnet publish PROJECT -t:PublishImage</c> with this
/// tool's store, so the image lands where <c>dotnet image ls</c> looks. The project must reference ImageBuild.Tasks; one
/// that does not is told so before anything is compiled.
/// </summary>
internal static class PublishCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var project = new Argument<string?>("PROJECT") { Description = "Project or folder to publish (default: the current folder)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("publish", "Publish a .NET project as a container image (dotnet publish -t:PublishImage); other arguments go to dotnet publish, e.g. -c Release -p:ContainerImageTag=1.0")
        {
            project,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var arguments = new List<string> { "publish" };
            if (context.GetValue(project) is { Length: > 0 } target)
            {
                arguments.Add(target);
            }

            // The parser puts the first token it does not know into PROJECT, even "-c"; PROJECT followed by the
            // unmatched tokens is the user's own order, so "-c Release" stays together.
            arguments.AddRange(context.UnmatchedTokens);
            await PackageReferenceCheck.EnsureReferencedAsync(DotnetHost, ProjectPath(arguments.Skip(1)), cancellationToken);
            arguments.Add("-t:PublishImage");
            arguments.Add($"-p:ContainerImageStore={context.StorePath}");
            return await RunAsync(arguments, cancellationToken);
        });
    }

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The project dotnet publish will take: the first argument naming a file or folder, else the current folder.</summary>
    private static string ProjectPath(IEnumerable<string> arguments) =>
        arguments.FirstOrDefault(a => !a.StartsWith('-') && (File.Exists(a) || Directory.Exists(a))) ?? ".";

    private static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // dotnet publish prints its own progress and errors to the same terminal.
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }
}

using System.CommandLine;
using ImageBuild.Errors;

namespace ImageBuild.Cli;

/// <summary>Builds the command tree and turns library exceptions into one-line errors and exit codes.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("dotnet image: build, store, inspect, pull and push container images without a daemon.");
        globals.AddTo(root);
        foreach (var command in Commands.CommandCatalog.Create(globals))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'dotnet image --help' for usage.");
            return ExitCodes.Usage;
        }

        var verbose = parse.GetValue(globals.Verbose);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await WriteErrorAsync(stderr, ex, verbose);
            return ExitCodes.Usage;
        }
        catch (ImageBuildException ex)
        {
            await WriteErrorAsync(stderr, ex, verbose);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("error: cancelled");
            return ExitCodes.Failure;
        }
    }

    private static async Task WriteErrorAsync(TextWriter stderr, Exception ex, bool verbose)
    {
        await stderr.WriteLineAsync($"error: {ex.Message}");
        if (verbose)
        {
            await stderr.WriteLineAsync(ex.ToString());
        }
    }
}

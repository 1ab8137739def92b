using System.CommandLine;
using System.Diagnostics;
using ImageBuild.Errors;
using ImageBuild.IO;
using ImageBuild.Store;

namespace ImageBuild.Cli;

/// <summary>Builds the command tree and turns library exceptions into one-line errors and exit codes.</summary>
internal static class CliApplication
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

        CommandLineHabits.Configure(root);
        var parse = CommandLineHabits.Parse(root, args);
        var errors = parse.Errors.Select(e => e.Message).Concat(UnknownOptionsTakenAsArguments(parse)).ToList();
        if (CommandLineHabits.UnknownCommand(parse, root) is { } unknown)
        {
            errors = [unknown];
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await stderr.WriteLineAsync($"error: {error}");
            }

            await stderr.WriteLineAsync("Run 'dotnet image --help' for usage.");
            return ExitCodes.Usage;
        }

        if (await CommandLineHabits.HelpAsync(parse, stdout, stderr, cancellationToken) is { } helpExitCode)
        {
            return helpExitCode;
        }

        var verbose = parse.GetValue(globals.Verbose);
        try
        {
            // No ProcessTerminationTimeout: the caller owns the signals and cancels cancellationToken, which the
            // actions get; System.CommandLine's own handler would end the process before the command cleaned up.
            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            var started = Stopwatch.GetTimestamp();
            var exitCode = await parse.InvokeAsync(invocation, cancellationToken);
            if (parse.GetValue(globals.Timings))
            {
                await stderr.WriteLineAsync(Rendering.CommandTimings.Describe(started));
            }

            return exitCode;
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
        catch (Exception ex)
        {
            // The last resort: whatever the library did not turn into an ImageBuildException (a full disk, a
            // read-only or vanished store, a broken pipe, a bug) is still one line naming the command and the file.
            var failure = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex;
            await stderr.WriteLineAsync($"error: {CommandPath(parse)}: {UnexpectedFailure.Describe(failure, StorePathOf(parse, globals))}");
            if (verbose)
            {
                await stderr.WriteLineAsync(ex.ToString());
            }

            return ExitCodes.Failure;
        }
    }

    /// <summary>The command as typed, without options: "system df", "push".</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? "dotnet image" : string.Join(' ', names);
    }

    private static string? StorePathOf(ParseResult parse, GlobalOptions globals)
    {
        try
        {
            return parse.GetValue(globals.Store) is { Length: > 0 } path ? Path.GetFullPath(path) : ImageStore.ResolveDefaultPath(Environment.GetEnvironmentVariable);
        }
        catch (ImageBuildException)
        {
            return null;
        }
    }

    /// <summary>
    /// System.CommandLine hands a token it does not know as an option to a positional argument, so a typo
    /// such as <c>rm --forse x</c> would try to remove an image named "--forse". No image reference, ID or
    /// path we take starts with '-', so such a token is an unknown option. Commands that pass unknown tokens on
    /// (publish hands them to dotnet publish) are left alone.
    /// </summary>
    private static IEnumerable<string> UnknownOptionsTakenAsArguments(ParseResult parse) =>
        !parse.CommandResult.Command.TreatUnmatchedTokensAsErrors ? [] : parse.CommandResult.Children
            .OfType<System.CommandLine.Parsing.ArgumentResult>()
            .SelectMany(argument => argument.Tokens)
            .Where(token => token.Value.Length > 1 && token.Value.StartsWith('-'))
            .Select(token => $"Unrecognized command or argument '{token.Value}'.");

    private static async Task WriteErrorAsync(TextWriter stderr, Exception ex, bool verbose)
    {
        await stderr.WriteLineAsync($"error: {ex.Message}");
        if (verbose)
        {
            await stderr.WriteLineAsync(ex.ToString());
        }
    }
}

using System.CommandLine;
using System.CommandLine.Help;

namespace ImageBuild.Cli;

/// <summary>
/// The docker CLI's habits on the command line: no arguments shows the help, <c>-v</c> is <c>--version</c>, a
/// mistyped command gets the nearest one suggested, and usage lines name the tool as it is typed, <c>dotnet image</c>.
/// </summary>
internal static class CommandLineHabits
{
    private const string TypedName = "dotnet image";

    /// <summary>Parses the arguments; without a command (none at all, or global options only) it is a request for help, as for docker.</summary>
    /// <remarks>
    /// <c>-v</c>/<c>--version</c> with global options only (<c>--store DIR -v</c>) prints the version, as
    /// <c>docker -D -v</c> does, where System.CommandLine would refuse the combination.
    /// </remarks>
    public static ParseResult Parse(RootCommand root, string[] args)
    {
        // Arguments are data, and an image name may come from an untrusted source: "@file" never reads a file.
        var configuration = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var parse = root.Parse(args, configuration);
        var atRoot = parse.CommandResult.Command == root && parse.UnmatchedTokens.Count == 0;
        var version = root.Options.OfType<VersionOption>().FirstOrDefault(v => parse.GetResult(v) is not null);
        if (version is not null)
        {
            return atRoot && parse.Errors.Count > 0 ? root.Parse([version.Name], configuration) : parse;
        }

        return atRoot && parse.Action is not HelpAction ? root.Parse([.. args, "--help"], configuration) : parse;
    }

    /// <summary>Adds <c>-v</c> to the version option.</summary>
    public static void Configure(RootCommand root)
    {
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Aliases.Add("-v");
        }
    }

    /// <summary>"unknown command" with the nearest command for a first word that names none, else null.</summary>
    public static string? UnknownCommand(ParseResult parse, RootCommand root)
    {
        if (parse.CommandResult.Command != root || parse.UnmatchedTokens.Count == 0)
        {
            return null;
        }

        var word = parse.UnmatchedTokens[0];
        if (word.StartsWith('-'))
        {
            return null;
        }

        var names = root.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)).ToList();
        var nearest = names
            .Select(name => (Name: name, Distance: Distance(word.ToLowerInvariant(), name)))
            .Where(c => c.Distance <= Math.Max(1, c.Name.Length / 3) || c.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
        return nearest is null
            ? $"unknown command '{word}'; see 'dotnet image --help' for the commands"
            : $"unknown command '{word}'; did you mean '{nearest}'?";
    }

    /// <summary>Runs a help request and writes its text with usage lines saying <c>dotnet image</c>.</summary>
    public static async Task<int?> HelpAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (parse.Action is not HelpAction)
        {
            return null;
        }

        // The root is named after the running executable: dotnet-image as installed, the test host in process.
        var executableName = parse.RootCommandResult.Command.Name;
        using var help = new StringWriter();
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = help, Error = stderr }, cancellationToken);
        var lines = help.ToString().Split('\n').Select(line =>
            line.StartsWith("  " + executableName, StringComparison.Ordinal) ? "  " + TypedName + line[(2 + executableName.Length)..] : line);
        await stdout.WriteAsync(string.Join('\n', lines));
        return exitCode;
    }

    /// <summary>Edit distance where swapping two neighbours counts once ("imgaes" is one step from "images").</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

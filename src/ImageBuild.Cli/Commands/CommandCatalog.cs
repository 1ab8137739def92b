using System.CommandLine;

namespace ImageBuild.Cli.Commands;

/// <summary>Every command the tool has, in the order <c>--help</c> lists them.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> Create(GlobalOptions globals) =>
    [
        ImportCommand.Create(globals),
        LoadCommand.Create(globals),
    ];
}

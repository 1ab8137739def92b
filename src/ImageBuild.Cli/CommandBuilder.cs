using System.CommandLine;

namespace ImageBuild.Cli;

/// <summary>Wires a command's action to a <see cref="CommandContext"/>, so commands never touch parsing plumbing.</summary>
internal static class CommandBuilder
{
    public static Command WithAction(this Command command, GlobalOptions globals, Func<CommandContext, CancellationToken, Task<int>> action)
    {
        command.SetAction((parse, cancellationToken) => action(new CommandContext(parse, globals), cancellationToken));
        return command;
    }
}

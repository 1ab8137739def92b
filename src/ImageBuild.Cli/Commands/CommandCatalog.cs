using System.CommandLine;

namespace ImageBuild.Cli.Commands;

/// <summary>Every command the tool has, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(GlobalOptions globals) =>
    [
        BuildCommand.Create(globals),
        PublishCommand.Create(globals),
        AppendCommand.Create(globals),
        MutateCommand.Create(globals),
        RebaseCommand.Create(globals),
        ListCommand.Create(globals),
        InspectCommand.Create(globals),
        HistoryCommand.Create(globals),
        TagCommand.Create(globals),
        PullCommand.Create(globals),
        PushCommand.Create(globals),
        CopyCommand.Create(globals),
        RemoveCommand.Create(globals),
        PruneCommand.Create(globals),
        CacheCommand.Create(globals),
        ImportCommand.Create(globals),
        ExportCommand.Create(globals),
        UnpackCommand.Create(globals),
        SaveCommand.Create(globals),
        LoadCommand.Create(globals),
        SystemCommand.Create(globals),
        DiskUsageCommand.Create(globals, "df"),
        CheckCommand.Create(globals),
        ManifestCommand.Create(globals),
        ReferrersCommand.Create(globals),
        SbomCommand.Create(globals),
        DigestCommand.Create(globals),
        TagsCommand.Create(globals),
        SearchCommand.Create(globals),
        LoginCommand.Create(globals),
        LogoutCommand.Create(globals),
    ];
}

using ImageBuild.Building;
using ImageBuild.Errors;
using ImageBuild.Oci.Changes;

namespace ImageBuild.Publishing;

/// <summary>
/// ENTRYPOINT and CMD from ContainerAppCommand(Args), ContainerDefaultArgs and ContainerAppCommandInstruction,
/// with the SDK's meaning: Entrypoint (the default) makes the app the entrypoint and the default args CMD;
/// DefaultArgs keeps the base's entrypoint and puts the app and its args in CMD; None leaves the app out.
/// </summary>
internal static class ContainerCommand
{
    public static IReadOnlyList<ConfigChange> Changes(
        string? instruction, IReadOnlyList<string> appCommand, IReadOnlyList<string> appCommandArgs, IReadOnlyList<string> defaultArgs)
    {
        var app = appCommand.Concat(appCommandArgs).ToList();
        var changes = new List<ConfigChange>();
        switch (string.IsNullOrWhiteSpace(instruction) ? "entrypoint" : instruction.Trim().ToLowerInvariant())
        {
            case "entrypoint":
                if (app.Count > 0)
                {
                    changes.Add(new SetEntrypoint(app));
                }

                if (defaultArgs.Count > 0)
                {
                    changes.Add(new SetCmd(defaultArgs));
                }

                break;
            case "defaultargs":
                if (app.Count + defaultArgs.Count > 0)
                {
                    changes.Add(new SetCmd([.. app, .. defaultArgs]));
                }

                break;
            case "none":
                if (defaultArgs.Count > 0)
                {
                    changes.Add(new SetCmd(defaultArgs));
                }

                break;
            default:
                throw new InvalidInputException($"ContainerAppCommandInstruction \"{instruction}\" is not known: use Entrypoint, DefaultArgs or None");
        }

        return changes;
    }
}

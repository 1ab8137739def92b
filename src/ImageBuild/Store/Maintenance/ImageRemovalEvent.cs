namespace ImageBuild.Store.Maintenance;

/// <summary>One line of <c>image rm</c> output: <c>Untagged: alpine:3.20</c> or <c>Deleted: sha256:...</c>.</summary>
public sealed record ImageRemovalEvent(ImageRemovalAction Action, string Subject)
{
    public override string ToString() => $"{Action}: {Subject}";
}

using ImageBuild.Building;
using ImageBuild.Oci;
using ImageBuild.Oci.Changes;

namespace ImageBuild.Publishing;

/// <summary>
/// Runs as the base image's APP_UID when it sets one, as PublishContainer does for Microsoft's images
/// (which run as root otherwise); a base without APP_UID keeps its user.
/// </summary>
internal sealed record SetUserFromAppUid : ConfigChange
{
    private const string Prefix = "APP_UID=";

    public override ContainerConfig Apply(ContainerConfig config) =>
        config.Env?.LastOrDefault(e => e.StartsWith(Prefix, StringComparison.Ordinal)) is { Length: > 8 } entry
            ? config with { User = entry[Prefix.Length..] }
            : config;

    public override string Describe() => "USER $APP_UID";
}

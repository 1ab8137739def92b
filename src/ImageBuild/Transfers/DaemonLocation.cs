using ImageBuild.Archives;
using ImageBuild.Daemon;
using ImageBuild.Errors;
using ImageBuild.References;

namespace ImageBuild.Transfers;

/// <summary>
/// An image in the local Docker or Podman daemon, in skopeo's syntax: <c>docker-daemon:NAME[:TAG]</c> or
/// <c>docker-daemon:sha256:ID</c>; plain <c>docker-daemon:</c> as a write target is named by the caller (a build's
/// tags). Which daemon is the <see cref="Kind"/> asked for, else the one the environment points at (see
/// <see cref="DaemonEndpoints"/>). Written by streaming a docker-archive into the daemon's load, read by streaming its
/// save into the store, which is the staging place a pull fills too.
/// </summary>
public sealed record DaemonLocation(string? Reference, DaemonKind? Kind = null) : ImageLocation
{
    public override string ToString() => DaemonPrefix + Reference;

    public override bool NamesItself => Reference is not null;

    public override async Task<ImageSource> OpenSourceAsync(TransferEndpoints endpoints, CancellationToken cancellationToken = default)
    {
        var name = Reference ?? throw new InvalidInputException($"{DaemonPrefix} names no image to read: give {DaemonPrefix}NAME[:TAG] or {DaemonPrefix}sha256:ID");
        using var daemon = endpoints.Daemons.Open(Kind);
        await daemon.ConnectAsync(cancellationToken);
        return await DaemonImageReader.OpenAsync(daemon, name, await endpoints.OpenStore(cancellationToken), ToString(), cancellationToken);
    }

    public override async Task<ImageDestination> OpenDestinationAsync(TransferEndpoints endpoints, ImageSource source, CancellationToken cancellationToken = default)
    {
        ImageReference? ownName = null;
        if (Reference is not null)
        {
            ownName = ImageReference.ParseNormalized(Reference);
            if (ownName.Digest is not null)
            {
                throw new InvalidInputException($"{this}: a daemon names images by NAME:TAG, not by digest");
            }
        }

        return new DaemonDestination(endpoints.Daemons.Open(Kind), ownName?.WithDefaultTag(), await endpoints.ScratchFilesAsync(cancellationToken), ToString());
    }
}

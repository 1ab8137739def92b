using ImageBuild.Daemon;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Transfers;

namespace ImageBuild.Building;

/// <summary>
/// One place a build writes its image: <c>store</c> (the local store), <c>registry</c> (the registries the tags
/// name), <c>docker</c> or <c>podman</c> (that local daemon), all named by the build's tags; or any location <c>copy</c>
/// takes (<c>oci:DIR[:REF]</c>, <c>oci-archive:FILE[:REF]</c>, <c>docker-archive:FILE[:REF]</c>,
/// <c>docker-daemon:[NAME[:TAG]]</c>, <c>store:REF</c>, <c>docker://REF</c>), named by its own reference when it has
/// one, else by the build's tags.
/// </summary>
public sealed record BuildOutput
{
    public const string StoreKeyword = "store";
    public const string RegistryKeyword = "registry";
    public const string DockerKeyword = "docker";
    public const string PodmanKeyword = "podman";

    private readonly string text;

    private BuildOutput(string text, ImageLocation? location)
    {
        this.text = text;
        Location = location;
    }

    public static BuildOutput Store { get; } = new(StoreKeyword, StoreLocation.Unnamed);

    public static BuildOutput Registry { get; } = new(RegistryKeyword, null);

    /// <summary>The local daemon of <paramref name="kind"/> (null: the one the environment points at), named by the build's tags.</summary>
    public static BuildOutput Daemon(DaemonKind? kind) => kind switch
    {
        DaemonKind.Docker => new(DockerKeyword, new DaemonLocation(null, kind)),
        DaemonKind.Podman => new(PodmanKeyword, new DaemonLocation(null, kind)),
        _ => new(ImageLocation.DaemonPrefix, new DaemonLocation(null)),
    };

    /// <summary>True for an output into a local Docker or Podman daemon.</summary>
    public bool IsDaemon => Location is DaemonLocation;

    /// <summary>Where the image goes; null for <see cref="Registry"/>, whose locations are the tags'.</summary>
    public ImageLocation? Location { get; }

    /// <summary>True for <see cref="Registry"/>: every tag in its own registry.</summary>
    public bool IsRegistry => Location is null;

    /// <summary>
    /// Parses <c>store</c>, <c>registry</c> or an image location; throws <see cref="InvalidInputException"/> naming
    /// the accepted forms. A registry location needs its <c>docker://</c> prefix here: a bare word with a colon
    /// (<c>tarball:x</c>) is far likelier a mistyped transport than an image to push to Docker Hub.
    /// </summary>
    public static BuildOutput Parse(string text)
    {
        if (text is StoreKeyword)
        {
            return Store;
        }

        if (text is RegistryKeyword)
        {
            return Registry;
        }

        if (text is DockerKeyword or PodmanKeyword)
        {
            return Daemon(text is DockerKeyword ? DaemonKind.Docker : DaemonKind.Podman);
        }

        var location = ImageLocation.Parse(text);
        return location is RegistryLocation && !text.StartsWith(ImageLocation.DockerPrefix, StringComparison.Ordinal)
            ? throw new InvalidInputException(
                $"unknown output \"{text}\": use store, registry, docker, podman, oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF], docker-daemon:[NAME[:TAG]], store:REF or docker://REF")
            : new BuildOutput(text, location);
    }

    public static BuildOutput To(ImageLocation location) => new(location.ToString(), location);

    public override string ToString() => text;

    /// <summary>Each location this output writes to, with the names the image gets there.</summary>
    internal IReadOnlyList<(ImageLocation Location, IReadOnlyList<ImageReference> Names)> Targets(IReadOnlyList<ImageReference> tags)
    {
        if (Location is { } location)
        {
            return [(location, location.NamesItself ? [] : tags)];
        }

        if (tags.Count == 0)
        {
            throw new InvalidInputException("pushing needs a name: add -t REGISTRY/REPOSITORY:TAG");
        }

        // One location per repository: its content goes up once, then each of its tags is put.
        return tags.GroupBy(t => t.Name)
            .Select(group => ((ImageLocation)new RegistryLocation(group.First()) { AlsoTagged = group.Skip(1).Select(t => t.Tag!).ToList() }, (IReadOnlyList<ImageReference>)[]))
            .ToList();
    }
}

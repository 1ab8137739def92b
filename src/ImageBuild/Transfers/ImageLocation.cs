using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.References;

namespace ImageBuild.Transfers;

/// <summary>
/// Where an image is, in skopeo's transport syntax: a registry reference (the default, or
/// <c>docker://REF</c>), <c>oci:DIR[:REF]</c>, <c>oci-archive:FILE[:REF]</c>, <c>docker-archive:FILE[:REF]</c>, or
/// <c>store:REF</c> for the local store. Each location can be read from and written to.
/// </summary>
public abstract record ImageLocation
{
    public const string OciPrefix = "oci:";
    public const string OciArchivePrefix = "oci-archive:";
    public const string DockerArchivePrefix = "docker-archive:";
    public const string StorePrefix = "store:";
    public const string DockerPrefix = "docker://";
    public const string DaemonPrefix = "docker-daemon:";

    /// <summary>Parses a location; throws <see cref="InvalidInputException"/> naming the accepted forms.</summary>
    public static ImageLocation Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException("the image location is empty: give a reference, oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF], docker-daemon:NAME[:TAG] or store:REF");
        }

        if (TryStrip(text, OciPrefix, out var oci))
        {
            var (path, reference) = SplitPath(oci, text);
            return new OciLayoutLocation(path, reference);
        }

        if (TryStrip(text, OciArchivePrefix, out var ociArchive))
        {
            var (path, reference) = SplitPath(ociArchive, text);
            return new ArchiveLocation(ArchiveFormat.Oci, path, reference);
        }

        if (TryStrip(text, DockerArchivePrefix, out var dockerArchive))
        {
            var (path, reference) = SplitPath(dockerArchive, text);
            return new ArchiveLocation(ArchiveFormat.Docker, path, reference);
        }

        if (TryStrip(text, DaemonPrefix, out var daemon))
        {
            return new DaemonLocation(daemon.Length == 0 ? null : daemon);
        }

        if (TryStrip(text, StorePrefix, out var stored))
        {
            return string.IsNullOrEmpty(stored)
                ? throw new InvalidInputException($"{text} names no image: give store:REF, such as store:alpine:3.20")
                : new StoreLocation(stored);
        }

        var registryText = TryStrip(text, DockerPrefix, out var docker) ? docker : text;
        return new RegistryLocation(ImageReference.Parse(registryText));
    }

    /// <summary>
    /// True when the location names the image it holds (<c>oci:DIR:REF</c>, <c>store:REF</c>, a registry tag); a
    /// location without a name of its own (<c>oci:DIR</c>, <c>docker-archive:FILE</c>) is named by the caller,
    /// such as a build by its tags.
    /// </summary>
    public virtual bool NamesItself => true;

    /// <summary>Opens the image here for reading.</summary>
    public abstract Task<ImageSource> OpenSourceAsync(TransferEndpoints endpoints, CancellationToken cancellationToken = default);

    /// <summary>Opens this place for writing images; <paramref name="source"/> is where they come from (a registry destination mounts from it).</summary>
    public abstract Task<ImageDestination> OpenDestinationAsync(TransferEndpoints endpoints, ImageSource source, CancellationToken cancellationToken = default);

    private static bool TryStrip(string text, string prefix, out string rest)
    {
        rest = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : string.Empty;
        return text.StartsWith(prefix, StringComparison.Ordinal);
    }

    // As skopeo splits: the path ends at the first colon, so a reference may itself hold colons (host:port/name:tag).
    private static (string Path, string? Reference) SplitPath(string rest, string text)
    {
        var colon = rest.IndexOf(':');
        var path = colon < 0 ? rest : rest[..colon];
        var reference = colon < 0 || colon == rest.Length - 1 ? null : rest[(colon + 1)..];
        return path.Length == 0
            ? throw new InvalidInputException($"{text} names no path: give the directory or file after the prefix")
            : (path, reference);
    }
}

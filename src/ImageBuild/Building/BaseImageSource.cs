using ImageBuild.Errors;
using ImageBuild.Store;
using ImageBuild.Store.Queries;
using ImageBuild.Transfers;

namespace ImageBuild.Building;

/// <summary>
/// Finds the base image a plan names: <c>scratch</c>; an image in the local store; <c>oci:DIR[:REF]</c>,
/// <c>oci-archive:FILE</c>, <c>docker-archive:FILE</c>, <c>docker-daemon:NAME[:TAG]</c> or <c>docker://REF</c> (through
/// the transfer locations);
/// or, when the store lacks a reference that names a registry host, that reference in its registry.
/// Registry layers are never downloaded here: only manifests and configs are read.
/// </summary>
public static class BaseImageSource
{
    public const string Scratch = "scratch";

    private static readonly string[] LocationPrefixes =
        [ImageLocation.OciPrefix, ImageLocation.OciArchivePrefix, ImageLocation.DockerArchivePrefix, ImageLocation.DaemonPrefix, ImageLocation.DockerPrefix, ImageLocation.StorePrefix];

    public static async Task<BaseImage> ResolveAsync(ImageStore store, string text, TransferEndpoints? endpoints, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text == Scratch)
        {
            return new BaseImage(store.Layout, null, null);
        }

        if (LocationPrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal)))
        {
            return await OpenLocationAsync(store, text, endpoints, cancellationToken);
        }

        try
        {
            var resolved = await ImageResolver.ResolveAsync(store, text, cancellationToken);
            return new BaseImage(store.Layout, resolved.Image.Descriptor, resolved.Tag?.RefName);
        }
        catch (NotFoundException) when (endpoints is not null && NamesRegistry(text))
        {
            return await OpenLocationAsync(store, ImageLocation.DockerPrefix + text, endpoints, cancellationToken);
        }
    }

    private static async Task<BaseImage> OpenLocationAsync(ImageStore store, string text, TransferEndpoints? endpoints, CancellationToken cancellationToken)
    {
        var location = ImageLocation.Parse(text);
        var source = await location.OpenSourceAsync(endpoints ?? TransferEndpoints.Local(store), cancellationToken);
        var name = location switch
        {
            RegistryLocation registry => registry.Normalized.ToString(),
            OciLayoutLocation layout => layout.Reference,
            ArchiveLocation archive => archive.Reference,
            DaemonLocation daemon => daemon.Reference,
            _ => null,
        };
        return new BaseImage(source.Reader, source.Root with { Annotations = null }, name, source);
    }

    /// <summary>
    /// True when the text starts with a registry host (<c>localhost</c>, or a first segment with '.' or ':'):
    /// only such names are looked up remotely when the store lacks them; <c>alpine</c> stays a store name.
    /// </summary>
    private static bool NamesRegistry(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var first = text[..slash];
        return first == "localhost" || first.Contains('.') || first.Contains(':');
    }
}

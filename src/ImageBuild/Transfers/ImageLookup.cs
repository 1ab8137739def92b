using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Store;
using ImageBuild.Store.Queries;

namespace ImageBuild.Transfers;

/// <summary>
/// Opens the image a user names wherever it is: a location with its prefix (<c>oci:DIR[:REF]</c>,
/// <c>oci-archive:FILE</c>, <c>docker-archive:FILE</c>, <c>docker-daemon:NAME[:TAG]</c>, <c>store:REF</c>, <c>docker://REF</c>); else an image of the
/// store (by reference or ID); else, when the store lacks it and the text starts with a registry host
/// (<c>localhost</c>, or a first segment with '.' or ':'), that reference in its registry. <c>alpine</c> stays a
/// store name. A registry image is read manifest-first: nothing here downloads a layer.
/// </summary>
public static class ImageLookup
{
    private static readonly string[] LocationPrefixes =
        [ImageLocation.OciPrefix, ImageLocation.OciArchivePrefix, ImageLocation.DockerArchivePrefix, ImageLocation.DaemonPrefix, ImageLocation.DockerPrefix, ImageLocation.StorePrefix];

    /// <param name="remote">Look in the registry only, even when the store holds the name.</param>
    public static async Task<FoundImage> OpenAsync(string text, TransferEndpoints endpoints, bool remote, CancellationToken cancellationToken = default)
    {
        if (LocationPrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal)))
        {
            return await OpenLocationAsync(ImageLocation.Parse(text), endpoints, cancellationToken);
        }

        if (remote)
        {
            return await OpenLocationAsync(ImageLocation.Parse(ImageLocation.DockerPrefix + text), endpoints, cancellationToken);
        }

        var store = await endpoints.OpenStore(cancellationToken);
        if (NamesRegistry(text) && !await StoreMayNameAsync(store, text, cancellationToken))
        {
            return await OpenLocationAsync(ImageLocation.Parse(ImageLocation.DockerPrefix + text), endpoints, cancellationToken);
        }

        try
        {
            var resolved = await ImageResolver.ResolveAsync(store, text, cancellationToken);
            return new FoundImage(new ImageSource(resolved.Image.Descriptor, store.Layout, text, referrers: store), resolved.Tag?.RefName);
        }
        catch (NotFoundException) when (NamesRegistry(text))
        {
            return await OpenLocationAsync(ImageLocation.Parse(ImageLocation.DockerPrefix + text), endpoints, cancellationToken);
        }
    }

    private static async Task<FoundImage> OpenLocationAsync(ImageLocation location, TransferEndpoints endpoints, CancellationToken cancellationToken)
    {
        var source = await location.OpenSourceAsync(endpoints, cancellationToken);
        var name = location switch
        {
            RegistryLocation registry => registry.Normalized.ToString(),
            OciLayoutLocation layout => layout.Reference,
            ArchiveLocation archive => archive.Reference,
            StoreLocation stored => stored.Reference,
            DaemonLocation daemon => daemon.Reference,
            _ => null,
        };
        return new FoundImage(source, name);
    }

    /// <summary>
    /// Whether the store may hold <paramref name="text"/> (a reference that names a registry) under that name. Such
    /// text is never an image ID (an ID has no '/'), so a tag reference no index.json entry carries cannot be a store
    /// image: saying so from index.json alone spares reading every stored image, which a build from a registry base
    /// would otherwise pay for the whole store. A digest reference is left to the full lookup, as the store knows those
    /// from pulls too.
    /// </summary>
    private static async Task<bool> StoreMayNameAsync(ImageStore store, string text, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(text, out var reference, out _) || reference.Digest is not null)
        {
            return true;
        }

        var refName = reference.WithDefaultTag().ToString();
        return (await store.ListAsync(cancellationToken)).Any(e => e.RefName == refName);
    }

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

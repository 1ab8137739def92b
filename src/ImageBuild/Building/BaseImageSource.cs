using ImageBuild.Errors;
using ImageBuild.Store;
using ImageBuild.Store.Queries;

namespace ImageBuild.Building;

/// <summary>Finds the base image a plan names: <c>scratch</c>, <c>oci:DIR[:REF]</c>, or an image in the local store.</summary>
public static class BaseImageSource
{
    public const string Scratch = "scratch";

    public static async Task<BaseImage> ResolveAsync(ImageStore store, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text == Scratch)
        {
            return new BaseImage(store.Layout, null, null);
        }

        if (text.StartsWith("oci:", StringComparison.Ordinal))
        {
            return await FromLayoutAsync(text, cancellationToken);
        }

        var resolved = await ImageResolver.ResolveAsync(store, text, cancellationToken);
        var name = resolved.Tag?.RefName;
        return new BaseImage(store.Layout, resolved.Image.Descriptor, name);
    }

    private static async Task<BaseImage> FromLayoutAsync(string text, CancellationToken cancellationToken)
    {
        var rest = text["oci:".Length..];
        var colon = rest.IndexOf(':');
        var directory = colon < 0 ? rest : rest[..colon];
        var refName = colon < 0 ? null : rest[(colon + 1)..];
        var layout = OciLayout.Open(directory);
        var entries = (await layout.ReadIndexAsync(cancellationToken)).Manifests;
        var matches = refName is null ? entries : entries.Where(e => e.Annotation(Oci.Annotations.RefName) == refName).ToList();
        return matches.Count switch
        {
            1 => new BaseImage(layout, matches[0] with { Annotations = null }, refName),
            0 => throw new NotFoundException($"base {text}: {directory} has no image named {refName ?? "(any)"}; list it with skopeo inspect or name another"),
            _ => throw new InvalidInputException($"base {text}: {directory} holds {matches.Count} images; name one as oci:{directory}:REF"),
        };
    }
}

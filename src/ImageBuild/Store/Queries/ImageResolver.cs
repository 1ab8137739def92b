using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Store.Queries;

/// <summary>
/// Finds the image that user input names, with the docker daemon's rules: a full digest (<c>sha256:...</c> or 64 hex
/// digits) is an image ID and nothing else; a reference is a tag (<c>:latest</c> added when it has none) or, with a
/// digest, a digest reference of that very repository; anything else may be a unique prefix of an image ID. A
/// stored tag wins over a prefix, so <c>abc123</c> is a tag first when one is stored.
/// </summary>
public static class ImageResolver
{
    public static async Task<ResolvedImage> ResolveAsync(ImageStore store, string text, CancellationToken cancellationToken = default) =>
        Resolve(await StoreImageCatalog.LoadAsync(store, cancellationToken), text);

    /// <summary>
    /// Throws <see cref="NotFoundException"/> (<c>No such image: alpine:latest</c>) when nothing matches,
    /// <see cref="ImageBuildException"/> when an ID prefix fits several images, and
    /// <see cref="InvalidInputException"/> when the text is neither a reference nor an ID.
    /// </summary>
    public static ResolvedImage Resolve(StoreImageCatalog catalog, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException("the image name is empty: give a reference such as alpine:3.20 or an image ID");
        }

        if (FullId(text) is { } id)
        {
            var byId = catalog.Images.FirstOrDefault(i => i.ImageId == id);
            return byId is not null ? new ResolvedImage(byId, ImageResolution.ById, null, byId.Descriptor) : throw NoSuchImage(text);
        }

        var isReference = ImageReference.TryParse(text, out var reference, out var referenceError);
        if (isReference && FindReference(catalog, reference!) is { } byReference)
        {
            return byReference;
        }

        if (TryIdPrefix(text, out var algorithm, out var hexPrefix))
        {
            var matches = catalog.Images
                .Where(i => (algorithm is null || i.ImageId.Algorithm == algorithm) && i.ImageId.Hex.StartsWith(hexPrefix, StringComparison.Ordinal))
                .ToList();
            if (matches.Count == 1)
            {
                return new ResolvedImage(matches[0], ImageResolution.ById, null, matches[0].Descriptor);
            }

            if (matches.Count > 1)
            {
                throw new ImageBuildException(
                    $"image ID prefix {text} is ambiguous: it matches {matches.Count} images ({string.Join(", ", matches.Select(m => m.ImageId.ShortHex))}); give more characters");
            }
        }
        else if (!isReference)
        {
            throw new InvalidInputException($"invalid reference format: {referenceError}");
        }

        // docker names a missing reference with its default tag, and a missing ID as it was typed.
        var looksLikeId = TryIdPrefix(text, out _, out _);
        throw NoSuchImage(isReference && !looksLikeId ? reference!.WithDefaultTag().FamiliarString : text);
    }

    /// <summary>docker's wording, which scripts match on.</summary>
    public static NotFoundException NoSuchImage(string name) => new($"No such image: {name}");

    /// <summary>A full digest, with its algorithm or as 64 bare hex digits (docker's ParseAnyReference reads both as IDs).</summary>
    private static Digest? FullId(string text)
    {
        if (Digest.TryParse(text, out var digest))
        {
            return digest;
        }

        return text.Length == 64 && text.All(char.IsAsciiHexDigitLower) && Digest.TryParse(Digest.Sha256 + ":" + text, out var bare) ? bare : null;
    }

    private static ResolvedImage? FindReference(StoreImageCatalog catalog, ImageReference reference)
    {
        if (reference.Digest is not null)
        {
            // Only a digest reference of this very repository names the image: the image's own ID or another
            // repository's digest do not.
            var wanted = reference.WithoutTag().ToString();
            foreach (var image in catalog.Images)
            {
                if (image.DigestReferences().FirstOrDefault(r => r.ToString() == wanted) is { } matched)
                {
                    var entry = image.Entries.FirstOrDefault(e => e.RefName == wanted) ?? image.Entries.FirstOrDefault(e => e.PulledFrom is not null);
                    var tag = image.Tags.FirstOrDefault(t => t.RefName == wanted);
                    return new ResolvedImage(image, ImageResolution.ByDigest, tag, IndexEdits.WithRefName((entry?.Descriptor ?? image.Descriptor), null), matched);
                }
            }

            return null;
        }

        var refName = reference.WithDefaultTag().ToString();
        foreach (var image in catalog.Images)
        {
            if (image.Tags.FirstOrDefault(t => t.RefName == refName) is { } tag)
            {
                var entry = image.Entries.First(e => e.RefName == refName);
                return new ResolvedImage(image, ImageResolution.ByReference, tag, IndexEdits.WithRefName(entry.Descriptor, null), tag.Reference);
            }
        }

        return null;
    }

    private static bool TryIdPrefix(string text, out string? algorithm, out string hex)
    {
        var colon = text.IndexOf(':');
        algorithm = colon >= 0 ? text[..colon] : null;
        hex = colon >= 0 ? text[(colon + 1)..] : text;
        return hex.Length > 0 && hex.All(char.IsAsciiHexDigitLower) && algorithm is null or Digest.Sha256 or Digest.Sha512;
    }
}

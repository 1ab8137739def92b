using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Store.Queries;

/// <summary>
/// Finds the image that user input names, in docker's order: a full digest (image ID or manifest digest);
/// a reference (<c>:latest</c> added when it has no tag or digest); then a unique prefix of an image ID.
/// A reference that exists as a tag wins over an ID prefix, so <c>abc123</c> is a tag first when one is stored.
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

        if (Digest.TryParse(text, out var digest))
        {
            var byDigest = catalog.Images.FirstOrDefault(i => i.ImageId == digest) ?? catalog.Images.FirstOrDefault(i => i.Digest == digest);
            return byDigest is not null ? new ResolvedImage(byDigest, ImageResolution.ById, null) : throw NoSuchImage(text);
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
                return new ResolvedImage(matches[0], ImageResolution.ById, null);
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

    private static ResolvedImage? FindReference(StoreImageCatalog catalog, ImageReference reference)
    {
        if (reference.Digest is { } digest)
        {
            // A pull by digest stores the image under the name name@digest; one platform of an index keeps the index digest there.
            var named = reference.WithoutTag().ToString();
            var image = catalog.Images.FirstOrDefault(i => i.Tags.Any(t => t.RefName == named))
                ?? catalog.Images.FirstOrDefault(i => i.Digest == digest)
                ?? catalog.Images.FirstOrDefault(i => i.ImageId == digest);
            return image is null ? null : new ResolvedImage(image, ImageResolution.ByDigest, null);
        }

        var refName = reference.WithDefaultTag().ToString();
        foreach (var image in catalog.Images)
        {
            if (image.Tags.FirstOrDefault(t => t.RefName == refName) is { } tag)
            {
                return new ResolvedImage(image, ImageResolution.ByReference, tag);
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

namespace ImageBuild.Registry;

/// <summary>
/// Upload URLs as registries hand them out in <c>Location</c>: relative or absolute, often with a query
/// (distribution's <c>_state</c>) that must be kept verbatim.
/// </summary>
public static class UploadLocation
{
    /// <summary>Resolves <paramref name="location"/> against the URL of the request that returned it.</summary>
    public static Uri Resolve(Uri requestUri, string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(requestUri, location);

    /// <summary>Adds <c>name=value</c> to the query, after <c>&amp;</c> when there is one and <c>?</c> otherwise.</summary>
    public static Uri WithQueryParameter(Uri location, string name, string value)
    {
        var text = location.AbsoluteUri;
        var fragment = text.IndexOf('#');
        if (fragment >= 0)
        {
            text = text[..fragment];
        }

        var separator = !text.Contains('?') ? "?" : text.EndsWith('?') || text.EndsWith('&') ? string.Empty : "&";
        return new Uri(text + separator + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
    }
}

namespace ImageBuild.Registry.Http;

/// <summary>
/// Passes <c>Warning: 299 - "text"</c> headers (the distribution spec's way to tell users about deprecations)
/// to the caller; other warning codes are HTTP caching notes and are ignored.
/// </summary>
internal sealed class WarningHandler(Action<RegistryWarning> onWarning) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.NonValidated.TryGetValues("Warning", out var values))
        {
            foreach (var value in values)
            {
                foreach (var text in Parse(value))
                {
                    onWarning(new RegistryWarning(request.RequestUri!.Authority, text));
                }
            }
        }

        return response;
    }

    /// <summary>The texts of the 299 warnings in one header value (<c>299 - "a", 299 - "b"</c>).</summary>
    public static IReadOnlyList<string> Parse(string value)
    {
        var texts = new List<string>();
        var reader = new HeaderTokenReader(value);
        while (!reader.AtEnd)
        {
            reader.SkipSeparators();
            var code = reader.ReadToken();
            reader.SkipSpaces();
            reader.ReadToken();
            reader.SkipSpaces();
            if (reader.Peek != '"')
            {
                if (code.Length == 0)
                {
                    reader.SkipOne();
                }

                continue;
            }

            var text = reader.ReadQuoted();
            reader.SkipSpaces();
            if (reader.Peek == '"')
            {
                // The optional warn-date.
                reader.ReadQuoted();
            }

            if (code == "299")
            {
                texts.Add(text);
            }
        }

        return texts;
    }
}

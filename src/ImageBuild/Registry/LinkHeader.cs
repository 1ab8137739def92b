namespace ImageBuild.Registry;

/// <summary>The <c>Link</c> header (RFC 8288) that paginates tag lists and the catalog.</summary>
public static class LinkHeader
{
    /// <summary>
    /// The target of the <c>rel="next"</c> link in <paramref name="header"/>
    /// (<c>&lt;/v2/_catalog?last=b&amp;n=2&gt;; rel="next"</c>), or null when there is none. Several links may be
    /// comma-separated; <c>rel</c> may be unquoted and list several relation types.
    /// </summary>
    public static string? FindNext(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var position = 0;
        while (position < header.Length)
        {
            var open = header.IndexOf('<', position);
            if (open < 0)
            {
                return null;
            }

            var close = header.IndexOf('>', open + 1);
            if (close < 0)
            {
                return null;
            }

            var target = header[(open + 1)..close];
            var nextLink = header.IndexOf('<', close + 1);
            var parameters = nextLink < 0 ? header[(close + 1)..] : header[(close + 1)..nextLink];
            if (HasNextRelation(parameters))
            {
                return target;
            }

            position = nextLink < 0 ? header.Length : nextLink;
        }

        return null;
    }

    private static bool HasNextRelation(string parameters)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=');
            if (equals < 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = parameter[(equals + 1)..].Trim().TrimEnd(',').Trim().Trim('"');
            if (value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals("next", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}

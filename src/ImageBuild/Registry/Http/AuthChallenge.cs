namespace ImageBuild.Registry.Http;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header: a scheme (<c>Basic</c>, <c>Bearer</c>) and its
/// parameters (<c>realm</c>, <c>service</c>, <c>scope</c>, <c>error</c>), parameter names lower-cased.
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameter("realm");

    public string? Service => Parameter("service");

    /// <summary>The scopes the registry asked for, split on spaces as RFC 6750 writes several.</summary>
    public IReadOnlyList<string> Scopes =>
        Parameter("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Parses a header value holding one or more challenges (RFC 7235): <c>Bearer realm="..",service=".."</c>,
    /// <c>Basic realm="x", Bearer realm="y"</c>. Quoted values may contain commas and backslash escapes.
    /// Malformed parts are skipped rather than failing the request that carried them.
    /// </summary>
    public static IReadOnlyList<AuthChallenge> ParseAll(string header)
    {
        var challenges = new List<AuthChallenge>();
        var reader = new HeaderTokenReader(header);
        string? scheme = null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (!reader.AtEnd)
        {
            reader.SkipSeparators();
            var token = reader.ReadToken();
            if (token.Length == 0)
            {
                reader.SkipOne();
                continue;
            }

            reader.SkipSpaces();
            if (reader.Peek == '=' && scheme is not null)
            {
                reader.SkipOne();
                reader.SkipSpaces();
                parameters[token.ToLowerInvariant()] = reader.Peek == '"' ? reader.ReadQuoted() : reader.ReadToken();
                continue;
            }

            if (scheme is not null)
            {
                challenges.Add(new AuthChallenge(scheme, parameters));
                parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }

            scheme = token;
        }

        if (scheme is not null)
        {
            challenges.Add(new AuthChallenge(scheme, parameters));
        }

        return challenges;
    }
}

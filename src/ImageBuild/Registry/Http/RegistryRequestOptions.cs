namespace ImageBuild.Registry.Http;

/// <summary>What the client tells the handler stack about a request, carried in <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class RegistryRequestOptions
{
    /// <summary>The token scopes the request needs, such as <c>repository:app:pull,push</c>.</summary>
    public static readonly HttpRequestOptionsKey<IReadOnlyList<string>> Scopes = new("ImageBuild.Registry.Scopes");

    /// <summary>
    /// The registry (<c>host[:port]</c>) a request is made for, whatever URL it goes to: only that origin gets
    /// credentials (see <see cref="OriginPolicyHandler"/>).
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> Registry = new("ImageBuild.Registry.Origin");

    /// <summary>
    /// Set on a request whose answer the client reads whole (tag pages, upload answers, errors): the most that body may
    /// hold. The retry handler reads it within the attempt, so a stalled or cut body is retried too.
    /// </summary>
    public static readonly HttpRequestOptionsKey<long> ReadWhole = new("ImageBuild.Registry.ReadWhole");

    /// <summary>Set on a token request: the authority whose challenge named the realm it goes to.</summary>
    public static readonly HttpRequestOptionsKey<string> Challenger = new("ImageBuild.Registry.Challenger");

    /// <summary>
    /// Set by the authentication handler on a request it sent with credentials: where they came from, so a
    /// refusal can say which login to fix.
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> CredentialSource = new("ImageBuild.Registry.CredentialSource");

    public static string? CredentialSourceOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(CredentialSource, out var source) ? source : null;

    public static IReadOnlyList<string> ScopesOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Scopes, out var scopes) ? scopes : [];

    public static string? RegistryOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Registry, out var registry) ? registry : null;

    public static string? ChallengerOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Challenger, out var challenger) ? challenger : null;
}

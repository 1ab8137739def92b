namespace ImageBuild.Registry.Http;

/// <summary>What the client tells the handler stack about a request, carried in <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class RegistryRequestOptions
{
    /// <summary>The token scopes the request needs, such as <c>repository:app:pull,push</c>.</summary>
    public static readonly HttpRequestOptionsKey<IReadOnlyList<string>> Scopes = new("ImageBuild.Registry.Scopes");

    /// <summary>
    /// Set on requests that follow a redirect to another host (blob storage): they must never carry the
    /// registry's credentials.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Anonymous = new("ImageBuild.Registry.Anonymous");

    /// <summary>
    /// Set by the authentication handler on a request it sent with credentials: where they came from, so a
    /// refusal can say which login to fix.
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> CredentialSource = new("ImageBuild.Registry.CredentialSource");

    public static string? CredentialSourceOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(CredentialSource, out var source) ? source : null;

    public static IReadOnlyList<string> ScopesOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Scopes, out var scopes) ? scopes : [];

    public static bool IsAnonymous(HttpRequestMessage request) =>
        request.Options.TryGetValue(Anonymous, out var anonymous) && anonymous;
}

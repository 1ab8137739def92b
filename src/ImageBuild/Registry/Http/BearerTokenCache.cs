using System.Collections.Concurrent;

namespace ImageBuild.Registry.Http;

/// <summary>
/// Bearer tokens per registry, service and scope set, kept until shortly before they expire. Lives in the
/// handler that owns it, so two transports never share tokens.
/// </summary>
internal sealed class BearerTokenCache(TimeProvider time)
{
    /// <summary>The distribution token spec's lifetime for tokens that do not state one.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    // A token about to expire would lapse between the check and the registry reading it.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> tokens = new();

    public static string Key(string authority, string? service, IEnumerable<string> scopes) =>
        $"{authority.ToLowerInvariant()}|{service}|{string.Join(' ', scopes.Order(StringComparer.Ordinal))}";

    public string? Get(string key) =>
        tokens.TryGetValue(key, out var entry) && time.GetUtcNow() < entry.ExpiresAt - ExpiryMargin ? entry.Token : null;

    public void Put(string key, string token, TimeSpan? lifetime, DateTimeOffset? issuedAt)
    {
        var issued = issuedAt is { } at && at <= time.GetUtcNow() ? at : time.GetUtcNow();
        tokens[key] = (token, issued + (lifetime is { } l && l > TimeSpan.Zero ? l : DefaultLifetime));
    }

    public void Remove(string key) => tokens.TryRemove(key, out _);
}

using System.Text.Json.Serialization;

namespace ImageBuild.Registry.Http;

/// <summary>A token server's answer; <c>token</c> and <c>access_token</c> are synonyms and either may be present.</summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    [JsonPropertyName("issued_at")]
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The token to present: <c>token</c>, else <c>access_token</c>.</summary>
    [JsonIgnore]
    public string Value => Token is { Length: > 0 } token ? token : AccessToken ?? string.Empty;
}

using System.Text.Json.Serialization;

namespace ImageBuild.Registry.Credentials;

/// <summary>What a docker credential helper reads on <c>store</c> and prints on <c>get</c>.</summary>
internal sealed record CredentialHelperPayload
{
    /// <summary>The user name helpers use for an identity token instead of a password.</summary>
    public const string IdentityTokenUser = "<token>";

    [JsonPropertyName("ServerURL")]
    public string? ServerUrl { get; init; }

    [JsonPropertyName("Username")]
    public string? Username { get; init; }

    [JsonPropertyName("Secret")]
    public string? Secret { get; init; }
}

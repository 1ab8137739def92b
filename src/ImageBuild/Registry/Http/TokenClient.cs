using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ImageBuild.References;
using ImageBuild.Registry.Credentials;

namespace ImageBuild.Registry.Http;

/// <summary>
/// Gets bearer tokens from a challenge's realm (the distribution token spec). With an identity token it
/// uses the OAuth2 flow, <c>POST grant_type=refresh_token</c>, and falls back to the plain <c>GET</c> when
/// the server has no OAuth2 endpoint (404, 405); otherwise it asks with <c>GET</c>, Basic credentials
/// attached. Every scope goes in the one request, so a mount gets pull on its source and push on its target.
/// </summary>
internal sealed class TokenClient(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send)
{
    public const string ClientId = "dotnet-image";

    /// <summary>Tokens are a few kilobytes; anything much bigger is not a token response.</summary>
    private const int MaxTokenResponseBytes = 1024 * 1024;

    public async Task<TokenResponse> FetchAsync(
        string registry, AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredentials? login, CancellationToken cancellationToken = default)
    {
        var realm = challenge.Realm is { } r && Uri.TryCreate(r, UriKind.Absolute, out var parsed) ? parsed
            : throw new RegistryException($"registry {registry} asked for a bearer token without a valid realm URL (\"{challenge.Realm}\"); the registry is misconfigured");
        if (login?.IdentityToken is { } refreshToken)
        {
            using var posted = await send(OAuthRequest(realm, challenge.Service, scopes, refreshToken), cancellationToken);
            if (posted.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
            {
                return await ReadAsync(posted, registry, realm, login, cancellationToken);
            }
        }

        using var request = GetRequest(realm, challenge.Service, scopes);
        if (login is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", EncodeBasic(login));
        }

        using var response = await send(request, cancellationToken);
        return await ReadAsync(response, registry, realm, login, cancellationToken);
    }

    public static string EncodeBasic(RegistryCredentials login) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login.Username}:{login.BasicSecret}"));

    private static HttpRequestMessage OAuthRequest(Uri realm, string? service, IReadOnlyList<string> scopes, string refreshToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
            new("client_id", ClientId),
        };
        if (service is not null)
        {
            form.Add(new("service", service));
        }

        if (scopes.Count > 0)
        {
            form.Add(new("scope", string.Join(' ', scopes)));
        }

        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    private static HttpRequestMessage GetRequest(Uri realm, string? service, IReadOnlyList<string> scopes)
    {
        var query = new List<string>();
        if (service is not null)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        query.AddRange(scopes.Select(scope => "scope=" + Uri.EscapeDataString(scope)));
        var separator = string.IsNullOrEmpty(realm.Query) ? "?" : "&";
        return new HttpRequestMessage(HttpMethod.Get, query.Count == 0 ? realm : new Uri(realm + separator + string.Join('&', query)));
    }

    private static async Task<TokenResponse> ReadAsync(
        HttpResponseMessage response, string registry, Uri realm, RegistryCredentials? login, CancellationToken cancellationToken)
    {
        var service = realm.GetLeftPart(UriPartial.Path);
        var body = await BoundedBody.ReadAsync(response.Content, MaxTokenResponseBytes, cancellationToken)
            ?? throw new RegistryException($"the token service {service} sent more than {MaxTokenResponseBytes} bytes for a token; it is not a token service");
        if (!response.IsSuccessStatusCode)
        {
            var what = $"the token service {service} refused access to {registry} with {(int)response.StatusCode} {response.ReasonPhrase}";
            throw new RegistryException(
                login is null
                    ? $"{what}: the repository may be private; run 'dotnet image login {registry}' or set {EnvironmentCredentialSource.UsernameVariable}/_PASSWORD"
                    : $"{what}: the credentials from {login.Source} were refused; run 'dotnet image login {registry}'",
                response.StatusCode);
        }

        TokenResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, RegistryJsonContext.Default.TokenResponse);
        }
        catch (JsonException ex)
        {
            throw new RegistryException($"the token service {service} answered with invalid JSON: {ex.Message}", innerException: ex);
        }

        return parsed?.Token is { Length: > 0 } || parsed?.AccessToken is { Length: > 0 }
            ? parsed
            : throw new RegistryException($"the token service {service} answered without a token");
    }
}

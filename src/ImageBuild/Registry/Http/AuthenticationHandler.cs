using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ImageBuild.References;
using ImageBuild.Registry.Credentials;

namespace ImageBuild.Registry.Http;

/// <summary>
/// Answers registry challenges. The first request to a host goes out bare; a <c>401</c> with
/// <c>WWW-Authenticate: Basic</c> is answered with the host's credentials, one with <c>Bearer</c> with a
/// token from the challenge's realm for the request's scopes. The challenge is then remembered per host
/// so later requests carry credentials from the start. Credentials come from an
/// <see cref="ICredentialSource"/>; this handler only knows how to present them.
/// </summary>
internal sealed class AuthenticationHandler(ICredentialSource credentials, TimeProvider time) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, AuthChallenge> challengeByAuthority = new(StringComparer.OrdinalIgnoreCase);
    private readonly BearerTokenCache tokens = new(time);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (RegistryRequestOptions.IsAnonymous(request))
        {
            request.Headers.Authorization = null;
            return await base.SendAsync(request, cancellationToken);
        }

        var authority = request.RequestUri!.Authority;
        var scopes = RegistryRequestOptions.ScopesOf(request);
        var authorized = challengeByAuthority.TryGetValue(authority, out var known)
            && await AuthorizeAsync(request, known, scopes, forceNewToken: false, cancellationToken);

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !CanResend(request))
        {
            return response;
        }

        var challenge = AuthChallenge.ParseAll(string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString())))
            .FirstOrDefault(c => c.IsBearer || c.IsBasic);
        if (challenge is null || (authorized && challenge.IsBasic))
        {
            return response;
        }

        challengeByAuthority[authority] = challenge;
        if (!await AuthorizeAsync(request, challenge, scopes, forceNewToken: authorized, cancellationToken))
        {
            return response;
        }

        response.Dispose();
        return await base.SendAsync(request, cancellationToken);
    }

    // A streamed body has been (partly) read by the first attempt; only buffered bodies can go again. Uploads
    // start with a bodiless POST, which meets the challenge before any streamed request needs credentials.
    private static bool CanResend(HttpRequestMessage request) =>
        request.Content is null or ByteArrayContent or ReadOnlyMemoryContent;

    private async Task<bool> AuthorizeAsync(
        HttpRequestMessage request, AuthChallenge challenge, IReadOnlyList<string> scopes, bool forceNewToken, CancellationToken cancellationToken)
    {
        var registry = request.RequestUri!.Authority;
        if (challenge.IsBasic)
        {
            var basic = await credentials.GetCredentialsAsync(registry, cancellationToken);
            if (basic is null)
            {
                return false;
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", EncodeBasic(basic));
            return true;
        }

        var allScopes = scopes.Concat(challenge.Scopes).Distinct(StringComparer.Ordinal).ToList();
        var key = BearerTokenCache.Key(registry, challenge.Service, allScopes);
        if (forceNewToken)
        {
            tokens.Remove(key);
        }

        var token = tokens.Get(key) ?? await FetchTokenAsync(registry, challenge, allScopes, key, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return true;
    }

    private async Task<string> FetchTokenAsync(
        string registry, AuthChallenge challenge, IReadOnlyList<string> scopes, string key, CancellationToken cancellationToken)
    {
        var realm = challenge.Realm is { } r && Uri.TryCreate(r, UriKind.Absolute, out var parsed) ? parsed
            : throw new RegistryException($"registry {registry} asked for a bearer token without a valid realm URL (\"{challenge.Realm}\"); the registry is misconfigured");
        if (realm.Scheme != Uri.UriSchemeHttps && !(realm.Scheme == Uri.UriSchemeHttp && RegistryDomain.IsLoopback(realm.Authority)))
        {
            throw new RegistryException($"registry {registry} sends its token requests to {realm.GetLeftPart(UriPartial.Path)}, which is not HTTPS; refusing to send credentials there");
        }

        var query = new List<string>();
        if (challenge.Service is { } service)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        query.AddRange(scopes.Select(scope => "scope=" + Uri.EscapeDataString(scope)));
        var separator = string.IsNullOrEmpty(realm.Query) ? "?" : "&";
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, query.Count == 0 ? realm : new Uri(realm + separator + string.Join('&', query)));
        var login = await credentials.GetCredentialsAsync(registry, cancellationToken);
        if (login is not null)
        {
            tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", EncodeBasic(login));
        }

        using var response = await base.SendAsync(tokenRequest, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var fix = login is null
                ? "the repository may be private: give credentials for it"
                : $"check the user name and password for {registry}";
            throw new RegistryException(
                $"the token service {realm.GetLeftPart(UriPartial.Path)} refused access to {registry} with {(int)response.StatusCode} {response.ReasonPhrase}: {fix}",
                response.StatusCode);
        }

        var parsedToken = ParseToken(body, realm);
        tokens.Put(key, parsedToken.Token, parsedToken.ExpiresIn is { } seconds ? TimeSpan.FromSeconds(seconds) : null, parsedToken.IssuedAt);
        return parsedToken.Token;
    }

    private static (string Token, int? ExpiresIn, DateTimeOffset? IssuedAt) ParseToken(byte[] body, Uri realm)
    {
        TokenResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, RegistryJsonContext.Default.TokenResponse);
        }
        catch (JsonException ex)
        {
            throw new RegistryException($"the token service {realm.GetLeftPart(UriPartial.Path)} answered with invalid JSON: {ex.Message}", innerException: ex);
        }

        var token = parsed?.Token is { Length: > 0 } t ? t : parsed?.AccessToken;
        return string.IsNullOrEmpty(token)
            ? throw new RegistryException($"the token service {realm.GetLeftPart(UriPartial.Path)} answered without a token")
            : (token, parsed!.ExpiresIn, parsed.IssuedAt);
    }

    private static string EncodeBasic(RegistryCredentials login) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login.Username}:{login.Password}"));
}

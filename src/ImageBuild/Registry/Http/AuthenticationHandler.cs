using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
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

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var authority = request.RequestUri!.Authority;
        var scopes = RegistryRequestOptions.ScopesOf(request);
        // A remembered challenge's scopes belong to the request that met it; this one asks for its own.
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
        if (!await AuthorizeAsync(request, challenge, scopes.Concat(challenge.Scopes), forceNewToken: authorized, cancellationToken))
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
        HttpRequestMessage request, AuthChallenge challenge, IEnumerable<string> scopes, bool forceNewToken, CancellationToken cancellationToken)
    {
        var registry = request.RequestUri!.Authority;
        var login = await credentials.GetCredentialsAsync(registry, cancellationToken);
        if (challenge.IsBasic)
        {
            if (login is null)
            {
                return false;
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", TokenClient.EncodeBasic(login));
            request.Options.Set(RegistryRequestOptions.CredentialSource, login.Source);
            return true;
        }

        var allScopes = RegistryScope.Merge(scopes);
        var key = BearerTokenCache.Key(registry, challenge.Service, allScopes);
        if (forceNewToken)
        {
            tokens.Remove(key);
        }

        var token = tokens.Get(key);
        if (token is null)
        {
            var fetched = await new TokenClient((tokenRequest, ct) =>
            {
                // The origin policy below lets a login go only to a realm the registry itself named.
                tokenRequest.Options.Set(RegistryRequestOptions.Challenger, registry);
                tokenRequest.Options.Set(RegistryRequestOptions.Registry, RegistryRequestOptions.RegistryOf(request) ?? registry);
                return base.SendAsync(tokenRequest, ct);
            }).FetchAsync(registry, challenge, allScopes, login, cancellationToken);
            token = fetched.Value;
            tokens.Put(key, token, fetched.ExpiresIn is { } seconds ? TimeSpan.FromSeconds(seconds) : null, fetched.IssuedAt);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (login is not null)
        {
            request.Options.Set(RegistryRequestOptions.CredentialSource, login.Source);
        }

        return true;
    }
}

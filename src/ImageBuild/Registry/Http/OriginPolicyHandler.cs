using ImageBuild.References;

namespace ImageBuild.Registry.Http;

/// <summary>
/// The one place that decides where a request may go and what it may carry, for every URL a registry hands
/// back (Link, Location, redirects, token realms) as for those the client builds. It sits below
/// authentication, so it sees each request as it will leave, credentials attached:
/// <list type="bullet">
/// <item>plain HTTP only to loopback hosts and hosts the user named insecure, never as a downgrade elsewhere;</item>
/// <item>Authorization only to the registry's own scheme, host and port: a request anywhere else (blob storage
/// a redirect names, a foreign Link or Location) leaves without it;</item>
/// <item>a token request (it carries the user's login) only to the realm the registry's own challenge named, and
/// over TLS (plain HTTP only to a loopback realm).</item>
/// </list>
/// </summary>
internal sealed class OriginPolicyHandler(Func<string, bool> mayUsePlainHttp) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var target = request.RequestUri ?? throw new InvalidOperationException("a registry request needs an absolute URI");
        var registry = RegistryRequestOptions.RegistryOf(request) ?? target.Authority;
        if (RegistryRequestOptions.ChallengerOf(request) is { } challenger)
        {
            CheckTokenRequest(target, registry, challenger);
        }
        else
        {
            CheckScheme(target, registry);
            if (!IsRegistryOrigin(target, registry))
            {
                request.Headers.Authorization = null;
            }
        }

        return base.SendAsync(request, cancellationToken);
    }

    private bool IsRegistryOrigin(Uri target, string registry) =>
        target.Authority.Equals(registry, StringComparison.OrdinalIgnoreCase)
        && (target.Scheme == Uri.UriSchemeHttps || mayUsePlainHttp(target.Authority));

    private void CheckScheme(Uri target, string registry)
    {
        if (target.Scheme == Uri.UriSchemeHttps || (target.Scheme == Uri.UriSchemeHttp && mayUsePlainHttp(target.Authority)))
        {
            return;
        }

        throw new RegistryException(
            $"registry {registry} sent the client to {target.GetLeftPart(UriPartial.Authority)}, which is not HTTPS and neither loopback nor named with --insecure-registry; refusing to go there") { RefusedByPolicy = true };
    }

    private static void CheckTokenRequest(Uri realm, string registry, string challenger)
    {
        if (!challenger.Equals(registry, StringComparison.OrdinalIgnoreCase))
        {
            throw new RegistryException(
                $"{challenger}, which is not the registry {registry}, asked for a token from {realm.GetLeftPart(UriPartial.Path)}; refusing to send credentials there") { RefusedByPolicy = true };
        }

        if (realm.Scheme != Uri.UriSchemeHttps && !(realm.Scheme == Uri.UriSchemeHttp && RegistryDomain.IsLoopback(realm.Authority)))
        {
            throw new RegistryException(
                $"registry {registry} sends its token requests to {realm.GetLeftPart(UriPartial.Path)}, which is not HTTPS; refusing to send credentials there") { RefusedByPolicy = true };
        }
    }
}

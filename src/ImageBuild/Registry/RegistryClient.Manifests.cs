using System.Net;
using System.Net.Http.Headers;
using ImageBuild.Registry.Http;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Registry;

public sealed partial class RegistryClient
{
    // Registries that do not know a manifest's type, or proxies, answer with these; the body then decides.
    private static readonly HashSet<string> GenericContentTypes =
        ["application/json", "text/plain", "application/octet-stream", "binary/octet-stream"];

    /// <summary>
    /// <c>GET /v2/NAME/manifests/REFERENCE</c> (a tag or a digest) accepting OCI and Docker manifests and
    /// indexes. By digest the body must hash to it; by tag it must match <c>Docker-Content-Digest</c> when the
    /// registry sends one. Bodies over <see cref="RegistryClientOptions.ManifestSizeLimit"/> are refused.
    /// </summary>
    public async Task<RegistryManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        // A manifest is small: when the connection drops or stalls mid-body (the transport's read timeout), asking
        // again is the whole recovery.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await GetManifestOnceAsync(repository, reference, cancellationToken);
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= Options.Retry.MaxRetries)
                {
                    throw new RegistryException(
                        $"the manifest for {Registry}/{repository}:{reference} could not be read: the connection broke off {attempt + 1} times ({ex.Message}); check the connection and try again",
                        innerException: ex);
                }
            }
        }
    }

    private async Task<RegistryManifest> GetManifestOnceAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var call = new RegistryCall("get manifest", Registry, repository, reference);
        using var response = await SendFollowingRedirectsAsync(
            uri => ManifestRequest(HttpMethod.Get, uri, repository), ManifestPath(repository, reference), call, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        await EnsureSuccessAsync(response, call, cancellationToken, HttpStatusCode.OK);

        var bytes = await ReadManifestBodyAsync(response, call, cancellationToken);
        var contentType = response.Content.Headers.ContentType?.MediaType;
        var mediaType = contentType is null || GenericContentTypes.Contains(contentType) ? OciJson.DetectMediaType(bytes) : contentType;
        var digest = VerifyManifestDigest(bytes, reference, Header(response, "Docker-Content-Digest"), call);
        return new RegistryManifest(bytes, mediaType, digest);
    }

    public Task<RegistryManifest> GetManifestAsync(string repository, Digest digest, CancellationToken cancellationToken = default) =>
        GetManifestAsync(repository, digest.ToString(), cancellationToken);

    /// <summary>
    /// <c>HEAD /v2/NAME/manifests/REFERENCE</c>: the manifest's descriptor, or null when the registry does not
    /// have it. Falls back to a GET when the registry leaves out the digest or size.
    /// </summary>
    public async Task<Descriptor?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("check manifest", Registry, repository, reference);
        using var response = await SendFollowingRedirectsAsync(
            uri => ManifestRequest(HttpMethod.Head, uri, repository), ManifestPath(repository, reference), call, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, call, cancellationToken, HttpStatusCode.OK);
        var digest = Digest.TryParse(reference, out var requested) ? requested
            : Digest.TryParse(Header(response, "Docker-Content-Digest"), out var sent) ? sent : (Digest?)null;
        var size = response.Content.Headers.ContentLength;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (digest is null || size is null || mediaType is null || GenericContentTypes.Contains(mediaType))
        {
            return (await GetManifestAsync(repository, reference, cancellationToken)).ToDescriptor();
        }

        return new Descriptor { MediaType = mediaType, Digest = digest.Value, Size = size.Value };
    }

    /// <summary>
    /// <c>PUT /v2/NAME/manifests/REFERENCE</c> with <c>Content-Type</c> = <paramref name="mediaType"/>; returns the
    /// digest of <paramref name="bytes"/>, which the registry must confirm when it states one.
    /// </summary>
    public async Task<Digest> PutManifestAsync(
        string repository, string reference, ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("push manifest", Registry, repository, reference);
        var named = Digest.TryParse(reference, out var target);
        var digest = Hash(bytes.Span, named ? target.Algorithm : Digest.Sha256);
        if (named && target != digest)
        {
            throw new InvalidInputException($"cannot push the manifest as {call.Display}: its content has digest {digest}");
        }

        if (bytes.Length > Options.ManifestSizeLimit)
        {
            throw new ImageBuildException($"cannot push the manifest for {call.Display}: it is {bytes.Length} bytes, over the {Options.ManifestSizeLimit}-byte limit registries accept");
        }

        using var request = NewRequest(HttpMethod.Put, ManifestPath(repository, reference), [RegistryScope.PullPush(repository)]);
        request.Content = new ReadOnlyMemoryContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await SendAsync(request, call, cancellationToken);
        await EnsureSuccessAsync(response, call, cancellationToken, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Accepted);
        if (Digest.TryParse(Header(response, "Docker-Content-Digest"), out var stored) && stored.Algorithm == digest.Algorithm && stored != digest)
        {
            throw new RegistryException($"{Registry} stored the manifest for {call.Display} as {stored}, but it has digest {digest}: the registry changed the bytes");
        }

        return digest;
    }

    /// <summary>
    /// <c>DELETE /v2/NAME/manifests/REFERENCE</c> (202). A digest deletes the manifest; a tag deletes the tag
    /// where the registry supports that. Registries with deletes disabled fail with a message saying so.
    /// </summary>
    public async Task DeleteManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("delete manifest", Registry, repository, reference);
        using var request = NewRequest(HttpMethod.Delete, ManifestPath(repository, reference), [RegistryScope.Delete(repository), RegistryScope.PullPush(repository)]);
        using var response = await SendAsync(request, call, cancellationToken);
        await EnsureSuccessAsync(response, call, cancellationToken, HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.NoContent);
    }

    private static string ManifestPath(string repository, string reference) => $"v2/{repository}/manifests/{reference}";

    private HttpRequestMessage ManifestRequest(HttpMethod method, Uri uri, string repository)
    {
        var request = NewRequest(method, uri, [RegistryScope.Pull(repository)]);
        foreach (var type in MediaTypes.ManifestAccept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return request;
    }

    private async Task<byte[]> ReadManifestBodyAsync(HttpResponseMessage response, RegistryCall call, CancellationToken cancellationToken) =>
        await BoundedBody.ReadAsync(response.Content, Options.ManifestSizeLimit, cancellationToken)
            ?? throw TooBig(call, response.Content.Headers.ContentLength ?? Options.ManifestSizeLimit + 1);

    private ImageBuildException TooBig(RegistryCall call, long size) =>
        new($"manifest for {call.Display} is over the {Options.ManifestSizeLimit}-byte limit for manifests ({size} bytes or more): the registry sent something that is not a manifest, or the limit is too low");

    private static Digest VerifyManifestDigest(byte[] bytes, string reference, string? headerDigest, RegistryCall call)
    {
        if (Digest.TryParse(reference, out var requested))
        {
            var actual = Hash(bytes, requested.Algorithm);
            return actual == requested
                ? actual
                : throw new RegistryException($"manifest {call.Display} is corrupt: {call.Registry} sent content with digest {actual}");
        }

        var digest = Digest.Compute(bytes);
        if (Digest.TryParse(headerDigest, out var stated) && Hash(bytes, stated.Algorithm) != stated)
        {
            throw new RegistryException($"manifest for {call.Display} is corrupt: {call.Registry} says its digest is {stated} but the content has digest {Hash(bytes, stated.Algorithm)}");
        }

        return digest;
    }

    private static Digest Hash(ReadOnlySpan<byte> bytes, string algorithm) => algorithm == Digest.Sha512
        ? Digest.FromHash(Digest.Sha512, System.Security.Cryptography.SHA512.HashData(bytes))
        : Digest.Compute(bytes);
}

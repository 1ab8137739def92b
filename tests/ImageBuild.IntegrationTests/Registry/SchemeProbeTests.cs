using System.Collections.Concurrent;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;

namespace ImageBuild.IntegrationTests.Registry;

/// <summary>
/// A plain-HTTP registry on loopback is found out once: requests that start together (a push's blob checks) wait for
/// the first one's HTTPS attempt instead of each sending a TLS handshake to the HTTP port.
/// </summary>
public sealed class SchemeProbeTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task Parallel_first_requests_try_https_once()
    {
        // Not a fault: the handler only counts what passes on to the real socket handler.
        var seen = new SchemeCountingHandler { InnerHandler = RegistryTransport.CreateSocketsHandler() };
        using var transport = new RegistryTransport(new RegistryTransportOptions { PrimaryHandler = seen });
        var client = transport.CreateClient(registry.Host);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.HasBlobAsync("probe/app", Digest.Compute([(byte)i]), CancellationToken.None)));

        Assert.All(answers, Assert.False);
        Assert.Equal(1, seen.Count(Uri.UriSchemeHttps));
        Assert.Equal(8, seen.Count(Uri.UriSchemeHttp));
    }

    private sealed class SchemeCountingHandler : DelegatingHandler
    {
        private readonly ConcurrentDictionary<string, int> counts = new();

        public int Count(string scheme) => counts.GetValueOrDefault(scheme);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counts.AddOrUpdate(request.RequestUri!.Scheme, 1, (_, count) => count + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

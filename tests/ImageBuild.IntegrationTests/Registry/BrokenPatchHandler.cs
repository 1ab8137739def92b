namespace ImageBuild.IntegrationTests.Registry;

/// <summary>
/// FAULT INJECTION: sits between the client and the real socket handler and breaks one PATCH on purpose,
/// reading half of its body and then failing as a dropped connection would. The real registry cannot be
/// made to drop a connection mid-chunk on demand; everything else goes to it untouched.
/// </summary>
internal sealed class BrokenPatchHandler(int breakPatchNumber) : DelegatingHandler
{
    private int patches;

    public int Broken { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Patch && Interlocked.Increment(ref patches) == breakPatchNumber)
        {
            var length = request.Content!.Headers.ContentLength ?? 0;
            await using var body = await request.Content.ReadAsStreamAsync(cancellationToken);
            var half = new byte[length / 2];
            await body.ReadAtLeastAsync(half, half.Length, throwOnEndOfStream: false, cancellationToken);
            Broken++;
            throw new IOException("fault injection: the connection dropped in the middle of a chunk");
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

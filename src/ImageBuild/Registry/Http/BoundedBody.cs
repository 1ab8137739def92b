namespace ImageBuild.Registry.Http;

/// <summary>Reads a response body the client needs whole, never holding more than a limit whatever the server sends.</summary>
internal static class BoundedBody
{
    /// <summary>The body, or null once it passes <paramref name="limit"/> bytes (by its Content-Length or as it streams).</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken = default)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}

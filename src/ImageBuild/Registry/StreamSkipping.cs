namespace ImageBuild.Registry;

/// <summary>Moving a stream forward by reading, for streams that cannot seek (a download, a re-opened source).</summary>
internal static class StreamSkipping
{
    /// <summary>Reads and discards <paramref name="count"/> bytes; false when the stream ended first.</summary>
    public static async Task<bool> SkipAsync(Stream stream, long count, CancellationToken cancellationToken = default)
    {
        if (stream.CanSeek)
        {
            stream.Position += count;
            return stream.Position <= stream.Length;
        }

        var buffer = new byte[81920];
        var remaining = count;
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
            if (read == 0)
            {
                return false;
            }

            remaining -= read;
        }

        return true;
    }
}

using System.Globalization;
using System.Text;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>One HTTP/1.1 message head: the start line and the headers, with the bytes it was read as.</summary>
public sealed record HttpHead(byte[] Bytes, string StartLine, IReadOnlyDictionary<string, string> Headers)
{
    public string Method => StartLine.Split(' ')[0];

    public string Target => StartLine.Split(' ')[1];

    public int Status => int.Parse(StartLine.Split(' ')[1], CultureInfo.InvariantCulture);

    public bool IsChunked => Headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase);

    public long ContentLength => Headers.TryGetValue("content-length", out var length) ? long.Parse(length, CultureInfo.InvariantCulture) : 0;

    public bool ClosesConnection => Headers.TryGetValue("connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase);

    public static HttpHead Parse(byte[] bytes)
    {
        var lines = Encoding.ASCII.GetString(bytes).Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Contains(':')))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        return new HttpHead(bytes, lines[0], headers);
    }
}

/// <summary>
/// Reads HTTP/1.1 messages off one side of a proxied connection: heads, and bodies framed by Content-Length or
/// chunked encoding, handed on to a writer that may stop taking bytes (the proxy cutting the message short).
/// </summary>
public sealed class HttpExchangeReader(Stream stream)
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    /// <summary>Takes bytes to pass on; returns false when it wants no more (the message is being cut).</summary>
    public delegate Task<bool> Sink(ReadOnlyMemory<byte> bytes);

    /// <summary>The next message head, or null when the other side closed the connection between messages.</summary>
    public async Task<HttpHead?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var head = new MemoryStream();
        while (true)
        {
            for (; start < end; start++)
            {
                if (head.Length == 0 && !char.IsAsciiLetterUpper((char)buffer[start]))
                {
                    // Not HTTP/1.1 (a TLS hello from a client trying https first): drop it as a plain-HTTP server would.
                    throw new IOException("not an HTTP/1.1 message");
                }

                head.WriteByte(buffer[start]);
                if (head.Length >= 4 && EndsWithBlankLine(head))
                {
                    start++;
                    return HttpHead.Parse(head.ToArray());
                }
            }

            if (!await FillAsync(cancellationToken))
            {
                return head.Length == 0 ? null : throw new IOException("the connection closed inside a message head");
            }
        }
    }

    /// <summary>Passes the body that <paramref name="head"/> frames to <paramref name="sink"/>; false when the sink cut it short.</summary>
    /// <param name="bodyless">True when the message has no body whatever its headers say (the answer to a HEAD, a 204).</param>
    public Task<bool> RelayBodyAsync(HttpHead head, bool bodyless, Sink sink, CancellationToken cancellationToken) =>
        bodyless ? Task.FromResult(true)
        : head.IsChunked ? RelayChunkedAsync(sink, cancellationToken)
        : RelayAsync(head.ContentLength, sink, cancellationToken);

    private async Task<bool> RelayChunkedAsync(Sink sink, CancellationToken cancellationToken)
    {
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken);
            if (!await sink(sizeLine))
            {
                return false;
            }

            var size = long.Parse(Encoding.ASCII.GetString(sizeLine.Span).Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                // Trailers, if any, end with a blank line.
                while (true)
                {
                    var trailer = await ReadLineAsync(cancellationToken);
                    if (!await sink(trailer))
                    {
                        return false;
                    }

                    if (trailer.Length == 2)
                    {
                        return true;
                    }
                }
            }

            if (!await RelayAsync(size + 2, sink, cancellationToken))
            {
                return false;
            }
        }
    }

    private async Task<bool> RelayAsync(long length, Sink sink, CancellationToken cancellationToken)
    {
        var remaining = length;
        while (remaining > 0)
        {
            if (start == end && !await FillAsync(cancellationToken))
            {
                throw new IOException("the connection closed inside a message body");
            }

            var count = (int)Math.Min(end - start, remaining);
            var taken = await sink(buffer.AsMemory(start, count));
            start += count;
            remaining -= count;
            if (!taken)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<ReadOnlyMemory<byte>> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (start == end && !await FillAsync(cancellationToken))
            {
                throw new IOException("the connection closed inside a chunk header");
            }

            var b = buffer[start++];
            line.WriteByte(b);
            if (b == '\n')
            {
                return line.ToArray();
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        start = 0;
        end = await stream.ReadAsync(buffer, cancellationToken);
        return end > 0;
    }

    private static bool EndsWithBlankLine(MemoryStream head)
    {
        var bytes = head.GetBuffer();
        var length = (int)head.Length;
        return bytes[length - 4] == '\r' && bytes[length - 3] == '\n' && bytes[length - 2] == '\r' && bytes[length - 1] == '\n';
    }
}

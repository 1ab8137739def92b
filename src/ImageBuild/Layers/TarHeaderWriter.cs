using System.Buffers;
using System.Formats.Tar;
using System.Globalization;
using System.Text;
using ImageBuild.Errors;

namespace ImageBuild.Layers;

/// <summary>
/// Writes a PAX tar: ustar headers, with a PAX extended header only for what ustar cannot hold (long or
/// non-ASCII names, large sizes and ids, sub-second or out-of-range times, xattrs), as Go's archive/tar does.
/// System.Formats.Tar's writer is not used because it puts the process id into every PAX header name,
/// which would make layers differ from one run to the next.
/// </summary>
internal sealed class TarHeaderWriter(Stream output)
{
    private const int BlockSize = 512;
    private const long MaxOctal7 = 0x1FFFFF; // 7 octal digits
    private const long MaxOctal11 = 0x1FFFFFFFF; // 11 octal digits
    private const string PaxHeaderName = "PaxHeaders.0/entry";

    private readonly byte[] block = new byte[BlockSize];

    /// <param name="hasher">Told every byte of <paramref name="data"/> as it is copied, so the content is hashed in the same pass.</param>
    public async Task WriteEntryAsync(TarHeader header, Stream? data, CancellationToken cancellationToken, FileContentHasher? hasher = null)
    {
        var records = PaxRecordsFor(header);
        if (records.Count > 0)
        {
            var payload = EncodePaxRecords(records);
            FillHeader(new TarHeader { Name = PaxHeaderName, Type = TarEntryType.ExtendedAttributes, Mode = (UnixFileMode)0x1A4, Size = payload.Length }, []);
            await output.WriteAsync(block, cancellationToken);
            await output.WriteAsync(payload, cancellationToken);
            await WritePaddingAsync(payload.Length, cancellationToken);
        }

        FillHeader(header, records);
        await output.WriteAsync(block, cancellationToken);
        if (header.Size > 0)
        {
            if (data is null)
            {
                throw new InvalidOperationException($"tar entry {header.Name} has a size but no content");
            }

            await CopyExactlyAsync(data, header, hasher, cancellationToken);
            await WritePaddingAsync(header.Size, cancellationToken);
        }
    }

    /// <summary>Ends the archive with the two zero blocks tar readers expect.</summary>
    public async Task WriteEndAsync(CancellationToken cancellationToken = default)
    {
        Array.Clear(block);
        await output.WriteAsync(block, cancellationToken);
        await output.WriteAsync(block, cancellationToken);
    }

    private static List<KeyValuePair<string, string>> PaxRecordsFor(TarHeader header)
    {
        var records = new List<KeyValuePair<string, string>>();
        if (!FitsUstar(header.Name, 100))
        {
            records.Add(new("path", header.Name));
        }

        if (!FitsUstar(header.LinkName, 100))
        {
            records.Add(new("linkpath", header.LinkName));
        }

        if (header.Size > MaxOctal11)
        {
            records.Add(new("size", header.Size.ToString(CultureInfo.InvariantCulture)));
        }

        if (header.Uid is < 0 or > (int)MaxOctal7)
        {
            records.Add(new("uid", header.Uid.ToString(CultureInfo.InvariantCulture)));
        }

        if (header.Gid is < 0 or > (int)MaxOctal7)
        {
            records.Add(new("gid", header.Gid.ToString(CultureInfo.InvariantCulture)));
        }

        if (!FitsUstar(header.UserName, 32))
        {
            records.Add(new("uname", header.UserName));
        }

        if (!FitsUstar(header.GroupName, 32))
        {
            records.Add(new("gname", header.GroupName));
        }

        var ticks = (header.ModificationTime - DateTimeOffset.UnixEpoch).Ticks;
        if (ticks < 0 || ticks % TimeSpan.TicksPerSecond != 0 || ticks / TimeSpan.TicksPerSecond > MaxOctal11)
        {
            records.Add(new("mtime", FormatPaxTime(ticks)));
        }

        records.AddRange(header.PaxRecords);
        return records;
    }

    private static bool FitsUstar(string value, int length) =>
        value.Length <= length && Ascii.IsValid(value) && !value.Contains('\0');

    private static string FormatPaxTime(long ticksSinceEpoch)
    {
        var seconds = Math.DivRem(ticksSinceEpoch, TimeSpan.TicksPerSecond, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += TimeSpan.TicksPerSecond;
        }

        var text = seconds.ToString(CultureInfo.InvariantCulture);
        return fraction == 0 ? text : $"{text}.{fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0')}";
    }

    private static byte[] EncodePaxRecords(List<KeyValuePair<string, string>> records)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in records)
        {
            // A record is "<length> <key>=<value>\n" where <length> counts its own digits too.
            var bodyLength = UnixNames.Encode($" {key}={value}\n").Length;
            var length = bodyLength + 1;
            while (length.ToString(CultureInfo.InvariantCulture).Length + bodyLength != length)
            {
                length++;
            }

            builder.Append(CultureInfo.InvariantCulture, $"{length} {key}={value}\n");
        }

        // Names are bytes: one that is not UTF-8 goes out as its own bytes, as GNU tar and Go's archive/tar write it.
        return UnixNames.Encode(builder.ToString());
    }

    private void FillHeader(TarHeader header, List<KeyValuePair<string, string>> records)
    {
        Array.Clear(block);
        var span = block.AsSpan();
        bool HasRecord(string key) => records.Exists(r => r.Key == key);

        WriteText(span[..100], header.Name);
        WriteOctal(span.Slice(100, 8), (long)header.Mode & 0xFFF);
        WriteOctal(span.Slice(108, 8), HasRecord("uid") ? 0 : header.Uid);
        WriteOctal(span.Slice(116, 8), HasRecord("gid") ? 0 : header.Gid);
        WriteOctal(span.Slice(124, 12), HasRecord("size") ? 0 : header.Size);
        WriteOctal(span.Slice(136, 12), HasRecord("mtime") ? Math.Clamp(header.ModificationTime.ToUnixTimeSeconds(), 0, MaxOctal11) : header.ModificationTime.ToUnixTimeSeconds());
        span[156] = (byte)header.Type;
        WriteText(span.Slice(157, 100), header.LinkName);
        "ustar\0"u8.CopyTo(span.Slice(257, 6));
        "00"u8.CopyTo(span.Slice(263, 2));
        WriteText(span.Slice(265, 32), header.UserName);
        WriteText(span.Slice(297, 32), header.GroupName);
        if (header.Type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
        {
            WriteOctal(span.Slice(329, 8), header.DeviceMajor);
            WriteOctal(span.Slice(337, 8), header.DeviceMinor);
        }

        // The checksum is computed with its own field read as spaces.
        span.Slice(148, 8).Fill((byte)' ');
        var checksum = 0;
        foreach (var b in span)
        {
            checksum += b;
        }

        WriteOctal(span.Slice(148, 7), checksum);
        span[155] = (byte)' ';
    }

    private static void WriteText(Span<byte> field, string value)
    {
        // Values that do not fit are carried by a PAX record; the ustar field keeps a truncated copy.
        var bytes = UnixNames.Encode(value);
        bytes.AsSpan(0, Math.Min(bytes.Length, field.Length)).CopyTo(field);
    }

    private static void WriteOctal(Span<byte> field, long value)
    {
        var digits = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        Encoding.ASCII.GetBytes(digits, field);
        field[^1] = 0;
    }

    private async Task CopyExactlyAsync(Stream data, TarHeader header, FileContentHasher? hasher, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var remaining = header.Size;
            while (remaining > 0)
            {
                var read = await data.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    throw new ImageBuildException($"{header.Name} shrank while it was being added to the layer: stop whatever is changing it and build again");
                }

                hasher?.Append(buffer.AsSpan(0, read));
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WritePaddingAsync(long size, CancellationToken cancellationToken)
    {
        var padding = (int)((BlockSize - (size % BlockSize)) % BlockSize);
        if (padding > 0)
        {
            Array.Clear(block);
            await output.WriteAsync(block.AsMemory(0, padding), cancellationToken);
        }
    }
}

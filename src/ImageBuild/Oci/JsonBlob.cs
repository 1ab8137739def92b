namespace ImageBuild.Oci;

/// <summary>
/// A JSON document together with the exact bytes it was read from or written as. Digests are always of
/// <see cref="Bytes"/>; nothing re-serializes the value to compute one.
/// </summary>
public sealed class JsonBlob<T>
    where T : class
{
    private Digest? digest;

    public JsonBlob(ReadOnlyMemory<byte> bytes, T value, string mediaType)
    {
        Bytes = bytes;
        Value = value;
        MediaType = mediaType;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public T Value { get; }

    public string MediaType { get; }

    public Digest Digest => digest ??= Digest.Compute(Bytes.Span);

    public long Size => Bytes.Length;

    public Descriptor ToDescriptor() => new() { MediaType = MediaType, Digest = Digest, Size = Size };
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuild.Oci;

/// <summary>Reads and writes a <see cref="Digest"/> as its <c>algorithm:hex</c> string, rejecting malformed ones.</summary>
public sealed class DigestJsonConverter : JsonConverter<Digest>
{
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (!Digest.TryParse(text, out var digest, out var error))
        {
            throw new JsonException(error);
        }

        return digest;
    }

    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

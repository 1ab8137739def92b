using System.Security.Cryptography;
using System.Text.Json.Serialization;
using ImageBuild.Errors;

namespace ImageBuild.Oci;

/// <summary>
/// A content digest <c>algorithm:hex</c>. Only sha256 and sha512 are accepted, with lower-case hex of the
/// algorithm's exact length, because registries and the image layout reject anything else.
/// </summary>
[JsonConverter(typeof(DigestJsonConverter))]
public readonly record struct Digest
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public string Algorithm { get; }

    public string Hex { get; }

    /// <summary>The 12-character short form docker shows as an image ID.</summary>
    public string ShortHex => Hex.Length <= 12 ? Hex : Hex[..12];

    public override string ToString() => Algorithm is null ? string.Empty : $"{Algorithm}:{Hex}";

    public static Digest Parse(string value)
    {
        if (TryParse(value, out var digest, out var error))
        {
            return digest;
        }

        throw new InvalidInputException(error);
    }

    public static bool TryParse(string? value, out Digest digest) => TryParse(value, out digest, out _);

    public static bool TryParse(string? value, out Digest digest, out string error)
    {
        digest = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "digest is empty: expected sha256:<64 lower-case hex characters>";
            return false;
        }

        var colon = value.IndexOf(':');
        if (colon <= 0)
        {
            error = $"invalid digest \"{value}\": expected algorithm:hex, for example sha256:<64 hex characters>";
            return false;
        }

        var algorithm = value[..colon];
        var hex = value[(colon + 1)..];
        int expectedLength;
        switch (algorithm)
        {
            case Sha256:
                expectedLength = 64;
                break;
            case Sha512:
                expectedLength = 128;
                break;
            default:
                error = $"invalid digest \"{value}\": unsupported algorithm \"{algorithm}\" (use sha256 or sha512)";
                return false;
        }

        if (hex.Length != expectedLength)
        {
            error = $"invalid digest \"{value}\": {algorithm} needs {expectedLength} hex characters, got {hex.Length}";
            return false;
        }

        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                error = $"invalid digest \"{value}\": '{c}' is not a lower-case hex character";
                return false;
            }
        }

        digest = new Digest(algorithm, hex);
        error = string.Empty;
        return true;
    }

    public static Digest FromHash(string algorithm, ReadOnlySpan<byte> hash) =>
        new(algorithm, Convert.ToHexStringLower(hash));

    public static Digest Compute(ReadOnlySpan<byte> content) => FromHash(Sha256, SHA256.HashData(content));

    public static async Task<Digest> ComputeAsync(Stream content, CancellationToken cancellationToken = default)
    {
        var hash = await SHA256.HashDataAsync(content, cancellationToken);
        return FromHash(Sha256, hash);
    }

    /// <summary>Starts an incremental hash of the kind this digest uses, to verify streamed content.</summary>
    public IncrementalHash CreateHash() => Algorithm switch
    {
        Sha512 => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
        _ => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
    };
}

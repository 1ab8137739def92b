using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageBuild.Errors;

namespace ImageBuild.Registry.Credentials;

/// <summary>
/// docker's config.json (and podman's auth.json, the same format) as far as logins go: <c>auths</c>,
/// <c>credHelpers</c> and <c>credsStore</c>. Everything else in the file is kept as it is when saving.
/// </summary>
public sealed class DockerConfigFile
{
    private readonly JsonObject root;

    private DockerConfigFile(string path, JsonObject root)
    {
        Path = path;
        this.root = root;
    }

    public string Path { get; }

    /// <summary>The helper that stores every login (<c>credsStore</c>), or null.</summary>
    public string? CredsStore => Text(root["credsStore"]);

    /// <summary>Reads the file; a missing file is an empty configuration.</summary>
    public static async Task<DockerConfigFile> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            return new DockerConfigFile(path, []);
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            return new DockerConfigFile(path, bytes.Length == 0 ? [] : JsonNode.Parse(bytes) as JsonObject
                ?? throw new ImageBuildException($"{path} is not a JSON object; fix or remove it"));
        }
        catch (JsonException ex)
        {
            throw new ImageBuildException($"{path} is not valid JSON ({ex.Message}); fix or remove it");
        }
    }

    /// <summary>The helper named for this registry in <c>credHelpers</c>, or null.</summary>
    public string? HelperFor(string registryHost) =>
        root["credHelpers"] is JsonObject helpers
            ? helpers.Where(pair => RegistryServerAddress.Matches(pair.Key, registryHost)).Select(pair => Text(pair.Value)).FirstOrDefault(name => name is { Length: > 0 })
            : null;

    /// <summary>The login stored in <c>auths</c> for this registry: base64 <c>auth</c>, <c>username</c>/<c>password</c>, <c>identitytoken</c>.</summary>
    public RegistryCredentials? AuthFor(string registryHost, string source)
    {
        if (root["auths"] is not JsonObject auths)
        {
            return null;
        }

        foreach (var (key, value) in auths.OrderBy(pair => pair.Key == RegistryServerAddress.For(registryHost) ? 0 : 1))
        {
            if (value is JsonObject entry && RegistryServerAddress.Matches(key, registryHost) && Decode(entry, key, source) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Stores a login as docker does without a helper: <c>auths[server].auth = base64(user:password)</c>.</summary>
    public void SetAuth(string registryHost, RegistryCredentials credentials)
    {
        RemoveAuth(registryHost);
        var auths = root["auths"] as JsonObject ?? [];
        root["auths"] = auths;
        var entry = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")) };
        if (credentials.IdentityToken is { } token)
        {
            entry["identitytoken"] = token;
        }

        auths[RegistryServerAddress.For(registryHost)] = entry;
    }

    /// <summary>Removes every <c>auths</c> entry for the registry; true when there was one.</summary>
    public bool RemoveAuth(string registryHost)
    {
        if (root["auths"] is not JsonObject auths)
        {
            return false;
        }

        var keys = auths.Select(pair => pair.Key).Where(key => RegistryServerAddress.Matches(key, registryHost)).ToList();
        foreach (var key in keys)
        {
            auths.Remove(key);
        }

        return keys.Count > 0;
    }

    /// <summary>
    /// Writes the file readable by its owner only (it holds secrets), atomically: a temp file in the same
    /// directory renamed over the old one, so a crash never leaves half a config.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(temp, options))
            {
                await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                root.WriteTo(writer);
                await writer.FlushAsync(cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static RegistryCredentials? Decode(JsonObject entry, string key, string source)
    {
        var identityToken = Text(entry["identitytoken"]);
        string? user = Text(entry["username"]);
        string? password = Text(entry["password"]);
        if (Text(entry["auth"]) is { Length: > 0 } auth)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException)
            {
                throw new ImageBuildException($"the login for {key} in {source} is not valid base64; log in again");
            }

            var colon = decoded.IndexOf(':');
            (user, password) = colon < 0 ? (decoded, string.Empty) : (decoded[..colon], decoded[(colon + 1)..]);
        }

        if (identityToken is { Length: > 0 })
        {
            return new RegistryCredentials(user ?? string.Empty, password ?? string.Empty) { IdentityToken = identityToken, Source = source };
        }

        return user is { Length: > 0 } ? new RegistryCredentials(user, password ?? string.Empty) { Source = source } : null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

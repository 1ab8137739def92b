using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>
/// The images the shared template vectors name, written as docker-archives so docker and our store load the very
/// same bytes: <c>pv-peer-img:1</c> has every config field docker templates reach (three environment variables,
/// labels with HTML and URL text, ports, a volume, a health check, four layers); <c>pv-peer-base:1</c> has an
/// empty config and one layer. Their creation times differ so listings have one order.
/// </summary>
public static class PeerImages
{
    public const string Full = "pv-peer-img:1";
    public const string Base = "pv-peer-base:1";

    /// <summary>Writes both archives into <paramref name="directory"/> and returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string directory)
    {
        var full = new JsonObject
        {
            ["User"] = "1000",
            ["Env"] = new JsonArray("PATH=/usr/bin", "A=b c", "EMPTY="),
            ["Cmd"] = new JsonArray("/bin/sh", "-c", "echo hi"),
            ["Entrypoint"] = new JsonArray("/entry"),
            ["WorkingDir"] = "/app",
            ["ExposedPorts"] = new JsonObject { ["80/tcp"] = new JsonObject(), ["53/udp"] = new JsonObject() },
            ["Volumes"] = new JsonObject { ["/data"] = new JsonObject() },
            ["Labels"] = new JsonObject
            {
                ["com.example.num"] = "42",
                ["com.example.html"] = "<b>\"x\"&'y'</b>",
                ["com.example.url"] = "https://example.org/a b?c=d&e",
                ["x"] = "1",
                ["y"] = "2",
            },
            ["StopSignal"] = "SIGTERM",
            ["Healthcheck"] = new JsonObject
            {
                ["Test"] = new JsonArray("CMD-SHELL", "curl -f http://localhost/"),
                ["Interval"] = 30_000_000_000L,
                ["Timeout"] = 5_000_000_000L,
                ["Retries"] = 3,
            },
        };
        return
        [
            await WriteArchiveAsync(Path.Combine(directory, "pv-peer-img.tar"), Full, full, layers: 4, "2024-01-02T03:04:05.123456789Z"),
            await WriteArchiveAsync(Path.Combine(directory, "pv-peer-base.tar"), Base, new JsonObject(), layers: 1, "2023-06-07T08:09:10Z"),
        ];
    }

    /// <summary>A docker-archive (manifest.json, config, layer tars) of one image with the given container config.</summary>
    public static async Task<string> WriteArchiveAsync(string path, string tag, JsonObject config, int layers, string created, string? author = "peer")
    {
        var layerTars = Enumerable.Range(0, layers).Select(i => LayerTar($"f{i}.txt", $"layer {i}\n")).ToList();
        var image = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["created"] = created,
            ["config"] = config,
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray(layerTars.Select(l => (JsonNode)("sha256:" + Convert.ToHexStringLower(SHA256.HashData(l)))).ToArray()),
            },
            ["history"] = new JsonArray(Enumerable.Range(0, layers).Select(i => (JsonNode)new JsonObject
            {
                ["created"] = created,
                ["created_by"] = $"ADD f{i}.txt /",
            }).ToArray()),
        };
        if (author is not null)
        {
            image["author"] = author;
        }

        var configBytes = Encoding.UTF8.GetBytes(image.ToJsonString());
        var configName = Convert.ToHexStringLower(SHA256.HashData(configBytes)) + ".json";
        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = configName,
            ["RepoTags"] = new JsonArray(tag),
            ["Layers"] = new JsonArray(Enumerable.Range(0, layers).Select(i => (JsonNode)$"l{i}/layer.tar").ToArray()),
        });

        await using var file = File.Create(path);
        await using var writer = new TarWriter(file, TarEntryFormat.Pax);
        await AddAsync(writer, configName, configBytes);
        for (var i = 0; i < layers; i++)
        {
            await AddAsync(writer, $"l{i}/layer.tar", layerTars[i]);
        }

        await AddAsync(writer, "manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        return path;
    }

    private static byte[] LayerTar(string name, string content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                ModificationTime = DateTimeOffset.UnixEpoch,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            writer.WriteEntry(entry);
        }

        return buffer.ToArray();
    }

    private static async Task AddAsync(TarWriter writer, string name, byte[] content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = DateTimeOffset.UnixEpoch };
        await writer.WriteEntryAsync(entry);
    }
}
